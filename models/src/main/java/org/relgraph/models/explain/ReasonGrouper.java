package org.relgraph.models.explain;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relgraph.gnn.encode.CategoricalFeature;
import org.relgraph.gnn.encode.ChildActivityEncoding;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.FeatureLayout;
import org.relgraph.gnn.explain.Explanation;
import org.relgraph.gnn.explain.NodeAttribution;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.graph.TemporalCsr;
import org.relgraph.query.LabelHistory;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Turns the per-input attributions of an {@link Explanation} into {@link Reason}s a banker reads, from the schema
 * alone (no knowledge of any particular dataset):
 *
 * <ul>
 *   <li>the entity's own row: one reason per column ({@code age = 34}); its relative-time inputs count towards its
 *       time column ({@code created_at = 2019-03-02});</li>
 *   <li>related rows of a table: grouped by the value of that table's <em>grouping column</em>, the categorical
 *       column whose inputs carry the most attribution in this explanation (for transactions, the merchant
 *       category). All of a row's other inputs join its group (its time, so a group reads as "these rows, this
 *       recently", and its numbers, summarised by the one that weighs most: latest value and trend), except its
 *       other categorical columns, which form groups of their own:
 *       {@code merchant_category = 'real estate': 3 in last 60 days, amount latest 1,142, +110 % over 47 days};
 *       a table without categorical columns is one group;</li>
 *   <li>the entity's child summaries ({@code ChildActivityEncoding}): a per-value count, recency or latest value
 *       joins the group of that value's sampled rows (a latest value as that group's number), so the group counts every row of the value the summary saw
 *       ({@code merchant_category = 'real estate': 3 in last 90 days}); counts over the whole history form a
 *       reason of their own ({@code ... : 7 in last 2 years}); a summary of no rows reads {@code none}.</li>
 * </ul>
 * and gives each reason its share of the total absolute attribution. Counts of related rows are of the rows the model
 * saw: the <em>sampled</em> ones (at most the fanout per relation, most recent first by default) and, through the
 * child summaries, all of the entity's child rows up to the prediction time.
 */
public final class ReasonGrouper {
    private static final long DAY_MS = 86_400_000L;
    /** Windows a count is reported in: the smallest that holds every row of the group. */
    private static final int[] WINDOW_DAYS = {7, 30, 60, 90, 180, 365};

    private final Database db;
    private final DatabaseEncoding encoding;
    private final String entityType;
    /** The entity's child summaries, in input order, with what finds the rows behind each. */
    private final List<Summary> summaries;

    /**
     * One child-summary input of the entity: the graph's edges to its rows in the child table, in time order and
     * visible by the sampler's rule (the rows the summaries counted), and the column whose value it counts, if any.
     */
    private record Summary(ChildActivityEncoding.Feature feature, TemporalCsr edges, Column column) {
    }

    /**
     * @param graph      the graph built from {@code db}: its edges to the entity's child rows name the rows behind
     *                   the child summaries
     * @param entityType the node type (table) of the explained entities
     */
    public ReasonGrouper(Database db, HeteroGraph graph, DatabaseEncoding encoding, String entityType) {
        this.db = db;
        this.encoding = encoding;
        this.entityType = entityType;
        // Resolved once: an explanation reads every summary of the entity, a few hundred per entity.
        this.summaries = encoding.childActivity(entityType).stream().flatMap(c -> {
            TemporalCsr edges = graph.csr(ChildActivityEncoding.childEdges(db, entityType, c.childTable(),
                    c.foreignKey()));
            return c.features().stream().map(f -> new Summary(f, edges,
                    f.column() == null ? null : db.table(f.childTable()).requireColumn(f.column())));
        }).toList();
    }

    private enum Kind { OWN_COLUMN, VALUE_ROWS, ROWS, HISTORY_VALUE_ROWS, HISTORY_ROWS, LABEL_HISTORY }

    /** The entity's past labels, when the model reads them (after its child summaries); null otherwise. */
    private LabelHistory labelHistory;

    /** Names the entity's label-history inputs ({@code label history: mean of past labels = 0.4}) in reasons. */
    public ReasonGrouper withLabelHistory(LabelHistory history) {
        this.labelHistory = history;
        return this;
    }

    /** A group; {@code value} is the value VALUE_ROWS share (null for a null value). */
    private record Key(String table, Kind kind, String column, String value) {
    }

    private static final class Group {
        double attribution;
        final Set<Integer> rows = new LinkedHashSet<>();
        /** Related rows: attribution per numeric column, to summarise the one that matters most. */
        final Map<String, Double> numeric = new LinkedHashMap<>();
    }

    /** Every reason with a non-zero attribution, largest |attribution| first. */
    public List<Reason> reasons(Explanation e, long asOfMs) {
        return reasons(e, asOfMs, null);
    }

    /**
     * Also the explained output's own features ({@link Explanation#outputFeatures}, e.g. a ranker's history with
     * the explained action), grouped and named by {@code describer}, or as one "features of this output" reason
     * when it is null.
     */
    public List<Reason> reasons(Explanation e, long asOfMs, ActionFeatureDescriber describer) {
        int entityRow = e.nodes().stream().filter(n -> n.type().equals(entityType) && n.localIndex() == 0)
                .findFirst().orElseThrow().globalRow();
        Map<String, String> groupingColumns = groupingColumns(e, entityRow);
        Map<Key, Group> groups = new LinkedHashMap<>();
        for (NodeAttribution n : e.nodes()) {
            Table table = db.table(n.type());
            FeatureLayout layout = encoding.table(n.type()).layout();
            // The entity's row can be sampled again at a later hop (entity -> transaction -> entity): its inputs
            // are still the entity's own columns.
            boolean own = isOwnRow(n, entityRow);
            String timeColumn = table.schema().timeColumn();
            int row = n.globalRow();
            Key rowKey = own ? new Key(n.type(), Kind.OWN_COLUMN, timeColumn, null)
                    : rowGroup(n.type(), table, groupingColumns.get(n.type()), row);
            double[] features = n.features();
            int activityEnd = layout.numericWidth() + summaries.size();
            int historyEnd = activityEnd + (own && labelHistory != null ? LabelHistory.WIDTH : 0);
            double[] history = historyEnd > activityEnd ? labelHistory.values(row, asOfMs) : null;
            for (int i = 0; i < features.length; i++) {
                if (i >= activityEnd && i < historyEnd) {
                    LabelHistory.Statistic statistic = labelHistory.statistics().get(i - activityEnd);
                    double raw = history[i - activityEnd];
                    add(groups, new Key(n.type(), Kind.LABEL_HISTORY, statistic.description(),
                            Double.isNaN(raw) ? null : number(raw)), row, features[i]);
                    continue;
                }
                if (own && i >= layout.numericWidth() && i < activityEnd) {
                    Summary summary = summaries.get(i - layout.numericWidth());
                    ChildActivityEncoding.Feature f = summary.feature();
                    Group g = add(groups, activityKey(f), children(summary, entityRow, asOfMs), features[i]);
                    if (f.measure() != null) {
                        g.numeric.merge(f.measure(), features[i], Double::sum);
                    }
                    continue;
                }
                // relative-time inputs (past the numeric ones) say how long ago the row happened, and a related
                // row's child summaries what it has seen: both go to the row's group
                String column = i < layout.numericWidth() ? layout.numeric().get(i).column() : null;
                Key key = own && column != null ? new Key(n.type(), Kind.OWN_COLUMN, column, null) : rowKey;
                Group g = add(groups, key, row, features[i]);
                if (!own && column != null && !column.equalsIgnoreCase(timeColumn)) {
                    g.numeric.merge(column, features[i], Double::sum);
                }
            }
            for (int j = 0; j < layout.categoricalCount(); j++) {
                CategoricalFeature f = layout.categorical().get(j);
                Key key = own ? new Key(n.type(), Kind.OWN_COLUMN, f.column(), null)
                        : new Key(n.type(), Kind.VALUE_ROWS, f.column(), raw(table, f.column(), row));
                add(groups, key, row, n.categorical(j));
            }
        }
        List<ActionFeatureGroup> featureGroups = featureGroups(e, describer);
        double[] featureAttributions = new double[featureGroups.size()];
        for (int i = 0; i < featureAttributions.length; i++) {
            for (int f : featureGroups.get(i).features()) {
                featureAttributions[i] += e.outputFeatureAttributions()[f];
            }
        }
        double total = groups.values().stream().mapToDouble(g -> Math.abs(g.attribution)).sum();
        for (double a : featureAttributions) {
            total += Math.abs(a);
        }
        List<Reason> out = new ArrayList<>();
        for (int i = 0; i < featureAttributions.length; i++) {
            ActionFeatureGroup f = featureGroups.get(i);
            if (featureAttributions[i] != 0) {
                out.add(new Reason(f.table(), false, f.column(), f.description(), f.rows(), featureAttributions[i],
                        Math.abs(featureAttributions[i]) / total));
            }
        }
        for (Map.Entry<Key, Group> entry : groups.entrySet()) {
            Group g = entry.getValue();
            if (g.attribution == 0) {
                continue;
            }
            Key k = entry.getKey();
            out.add(new Reason(k.table(), k.kind() == Kind.OWN_COLUMN || k.kind() == Kind.LABEL_HISTORY, k.column(),
                    describe(k, g, db.table(k.table()), asOfMs), g.rows.size(), g.attribution,
                    Math.abs(g.attribution) / total));
        }
        out.sort(Comparator.comparingDouble((Reason r) -> -Math.abs(r.attribution())).thenComparing(Reason::subject));
        return out;
    }

    private static List<ActionFeatureGroup> featureGroups(Explanation e, ActionFeatureDescriber describer) {
        int width = e.outputFeatures().length;
        if (width == 0) {
            return List.of();
        }
        if (describer != null) {
            return describer.describe(e.outputIndex(), e.outputFeatures());
        }
        int[] all = new int[width];
        java.util.Arrays.setAll(all, i -> i);
        return List.of(new ActionFeatureGroup("output", null, "features of this output", 0, all));
    }

    private boolean isOwnRow(NodeAttribution n, int entityRow) {
        return n.type().equals(entityType) && n.globalRow() == entityRow;
    }

    private static Group add(Map<Key, Group> groups, Key key, int row, double attribution) {
        return add(groups, key, List.of(row), attribution);
    }

    private static Group add(Map<Key, Group> groups, Key key, List<Integer> rows, double attribution) {
        Group g = groups.computeIfAbsent(key, k -> new Group());
        g.attribution += attribution;
        g.rows.addAll(rows);
        return g;
    }

    /**
     * A summary over the whole history is a reason of its own; recent counts and recency join the group of the
     * sampled rows with the same value, which are the recent ones.
     */
    private static Key activityKey(ChildActivityEncoding.Feature f) {
        if (f.statistic() == ChildActivityEncoding.Statistic.COUNT) {
            return new Key(f.childTable(), f.column() == null ? Kind.HISTORY_ROWS : Kind.HISTORY_VALUE_ROWS,
                    f.column(), f.value());
        }
        return f.column() == null ? new Key(f.childTable(), Kind.ROWS, null, null)
                : new Key(f.childTable(), Kind.VALUE_ROWS, f.column(), f.value());
    }


    /**
     * The entity's rows in the feature's child table that the feature summarises as of {@code asOfMs}: those with its
     * value, and for a windowed count those in the window, for recency the latest.
     */
    private static List<Integer> children(Summary summary, int entityRow, long asOfMs) {
        ChildActivityEncoding.Feature f = summary.feature();
        TemporalCsr edges = summary.edges();
        Column column = summary.column();
        long from = switch (f.statistic()) {
            case COUNT_RECENT, SUM_RECENT -> asOfMs - ChildActivityEncoding.RECENT_DAYS * DAY_MS;
            case COUNT_WINDOW, SUM_WINDOW, MEAN_WINDOW -> asOfMs - ChildActivityEncoding.WINDOW_DAYS * DAY_MS;
            default -> Long.MIN_VALUE;
        };
        List<Integer> out = new ArrayList<>();
        for (int e = edges.start(entityRow), end = edges.endAtOrBefore(entityRow, asOfMs); e < end; e++) {
            int r = edges.target(e);
            if (edges.time(e) >= from && (column == null || f.value().equals(column.format(r)))) {
                out.add(r);
            }
        }
        boolean latestOnly = f.statistic() == ChildActivityEncoding.Statistic.RECENCY
                || f.statistic() == ChildActivityEncoding.Statistic.LATEST;
        return latestOnly && !out.isEmpty() ? List.of(out.get(out.size() - 1)) : out;
    }

    /** A related row's own group: by its grouping column's value, or all rows of the table when there is none. */
    private static Key rowGroup(String type, Table table, String groupingColumn, int row) {
        return groupingColumn == null ? new Key(type, Kind.ROWS, null, null)
                : new Key(type, Kind.VALUE_ROWS, groupingColumn, raw(table, groupingColumn, row));
    }

    /**
     * Per related table, the categorical column whose inputs carry the most |attribution| here: the one the model
     * reads that table by, so grouping its rows by it keeps the evidence together.
     */
    private Map<String, String> groupingColumns(Explanation e, int entityRow) {
        Map<String, double[]> weight = new LinkedHashMap<>();
        for (NodeAttribution n : e.nodes()) {
            if (isOwnRow(n, entityRow) || n.categorical().length == 0) {
                continue;
            }
            double[] w = weight.computeIfAbsent(n.type(), t -> new double[n.categorical().length]);
            for (int j = 0; j < w.length; j++) {
                w[j] += Math.abs(n.categorical(j));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> entry : weight.entrySet()) {
            double[] w = entry.getValue();
            int best = 0;
            for (int j = 1; j < w.length; j++) {
                best = w[j] > w[best] ? j : best;
            }
            out.put(entry.getKey(), encoding.table(entry.getKey()).layout().categorical().get(best).column());
        }
        return out;
    }

    private static String raw(Table table, String column, int row) {
        return table.requireColumn(column).format(row);
    }

    private String describe(Key k, Group g, Table table, long asOfMs) {
        String related = k.table().equals(entityType) ? "(related) " : "";
        return switch (k.kind()) {
            case OWN_COLUMN -> ownColumn(table, k.column(), g.rows.iterator().next(), asOfMs);
            case LABEL_HISTORY -> "label history: " + k.column() + (k.value() == null ? " none" : " = " + k.value());
            case VALUE_ROWS, HISTORY_VALUE_ROWS -> related + k.column()
                    + (k.value() == null ? " missing" : " = '" + k.value() + "'")
                    + ": " + count(table, g.rows, asOfMs) + numericDetail(table, g, asOfMs);
            case ROWS, HISTORY_ROWS -> related + "rows: " + count(table, g.rows, asOfMs) + numericDetail(table, g, asOfMs);
        };
    }

    /** ", amount latest 1,142, +110 % over 47 days" for the numeric column carrying most of the group's weight. */
    private static String numericDetail(Table table, Group g, long asOfMs) {
        return g.numeric.entrySet().stream()
                .filter(c -> Math.abs(c.getValue()) > 0.2 * Math.abs(g.attribution))
                .max(Comparator.comparingDouble(c -> Math.abs(c.getValue())))
                .map(c -> ", " + c.getKey() + " " + numericSummary(table, c.getKey(), g.rows, asOfMs))
                .orElse("");
    }

    private static String ownColumn(Table table, String column, int row, long asOfMs) {
        if (column == null) {
            return "row time";
        }
        Column c = table.requireColumn(column);
        if (c.isNull(row)) {
            return column + " is missing";
        }
        if (c instanceof LongColumn l && l.type() == org.relgraph.schema.SemanticType.TIMESTAMP) {
            return column + " = " + date(l.get(row)) + " (" + duration(asOfMs - l.get(row)) + " before)";
        }
        if (c instanceof DoubleColumn d) {
            return column + " = " + number(d.get(row));
        }
        return column + " = " + c.format(row);
    }

    /** "3 in last 60 days", "3 in last 2 years", or "3 related rows" for a table without time. */
    private static String count(Table table, Set<Integer> rows, long asOfMs) {
        if (rows.isEmpty()) {
            return "none"; // a child summary of nothing: the absence carried the weight
        }
        Optional<LongColumn> time = table.timeColumn();
        long oldest = -1;
        if (time.isPresent()) {
            for (int r : rows) {
                if (!time.get().isNull(r)) {
                    oldest = Math.max(oldest, asOfMs - time.get().get(r));
                }
            }
        }
        if (oldest < 0) {
            return rows.size() + " related row" + (rows.size() == 1 ? "" : "s");
        }
        for (int w : WINDOW_DAYS) {
            if (oldest <= w * DAY_MS) {
                return rows.size() + " in last " + w + " days";
            }
        }
        return rows.size() + " in last " + (int) Math.ceil(oldest / (365.0 * DAY_MS)) + " years";
    }

    /**
     * One row: its value and age. Several: the latest value and its change from the earliest over the rows' time
     * span, as a percentage when the earliest is not zero.
     */
    private static String numericSummary(Table table, String column, Set<Integer> rows, long asOfMs) {
        Column c = table.requireColumn(column);
        if (!(c instanceof DoubleColumn d)) {
            return "(text)";
        }
        Optional<LongColumn> time = table.timeColumn();
        List<Integer> valued = rows.stream().filter(r -> !d.isNull(r)).sorted(Comparator.comparingLong(
                (Integer r) -> time.map(t -> t.isNull(r) ? Long.MIN_VALUE : t.get(r)).orElse(0L))
                .thenComparingInt(r -> r)).toList();
        if (valued.isEmpty()) {
            return "missing";
        }
        int last = valued.get(valued.size() - 1);
        String latest = number(d.get(last));
        if (valued.size() == 1 || time.isEmpty()) {
            String when = time.isPresent() && !time.get().isNull(last)
                    ? " (" + duration(asOfMs - time.get().get(last)) + " ago)" : "";
            return valued.size() == 1 ? latest + when : "latest " + latest;
        }
        int first = valued.get(0);
        double from = d.get(first);
        double to = d.get(last);
        String span = duration(time.get().get(last) - time.get().get(first));
        String change = Math.abs(from) > 1e-9
                ? String.format(Locale.ROOT, "%+.0f %%", 100 * (to - from) / Math.abs(from))
                : "from " + number(from);
        return "latest " + latest + ", " + change + " over " + span;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String date(long ms) {
        return Instant.ofEpochMilli(ms).atZone(ZoneOffset.UTC).toLocalDate().toString();
    }

    /** "12 days", "3 months", "2.5 years". */
    static String duration(long ms) {
        double days = ms / (double) DAY_MS;
        if (days < 60) {
            return Math.round(days) + " day" + (Math.round(days) == 1 ? "" : "s");
        }
        if (days < 730) {
            return Math.round(days / 30.44) + " months";
        }
        return String.format(Locale.ROOT, "%.1f years", days / 365.25);
    }
}
