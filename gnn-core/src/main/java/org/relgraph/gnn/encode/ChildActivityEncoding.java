package org.relgraph.gnn.encode;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.relgraph.graph.EdgeType;
import org.relgraph.schema.ForeignKey;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * How a row of {@code parentTable} summarises its rows in {@code childTable} (those whose {@code foreignKey} points at
 * it) as of a seed time: how many there are, overall and within {@value #RECENT_DAYS} and {@value #WINDOW_DAYS}
 * days, how recent the latest is, and the same per value of the child's few-valued categorical columns.
 *
 * <p>Why: the sampler shows a node only its most recent few children, so a count over months (three real-estate
 * payments this quarter) or the age of an older event (the last one four months ago) is invisible to message
 * passing, while a flat-table model reads it directly. These inputs give the parent node the whole history's shape
 * at the cost of a scan of its children visible at the seed time, never later ones.
 *
 * <p>Features, in order: {@code log1p(count)}, {@code log1p(count in RECENT_DAYS)}, {@code log1p(count in
 * WINDOW_DAYS)}, {@code recency(latest)}; then per breakdown column and value: {@code log1p(count)}, {@code
 * log1p(count in WINDOW_DAYS)}, {@code recency(latest)}, where {@code recency(t) = exp(-age / RECENCY_DAYS)} and 0
 * when there is none, then per measure the latest non-null value among those rows, scaled by the child column's
 * fitted encoding (0 when there is none): the current state of each series, e.g. the savings account's balance trend
 * among balances of every account type. The values are the child column's fitted vocabulary, so they mean the same
 * after reloading.
 *
 * <p>With {@code windowSums} (off by default: {@code --extended-child-summaries}), the block goes on with the
 * windowed sums and means of the measures, after all of the above, so the default features keep their order:
 * per measure over all children, {@code sum in RECENT_DAYS}, {@code sum in WINDOW_DAYS}, {@code mean in
 * WINDOW_DAYS}; then per breakdown column and value, per measure, {@code sum in WINDOW_DAYS} and {@code mean in
 * WINDOW_DAYS}. A sum is {@code sign(s) * log1p(|s| / u)} of the raw values' sum {@code s} in units {@code u} of
 * the column's typical magnitude (its fitted median in raw units, at least its spread when not log-transformed):
 * a flat model's "amount withdrawn this quarter", on a log scale since sums of amounts span orders of magnitude,
 * and on the counts' scale; a mean is the raw values' mean scaled by the child column's fitted encoding, as a
 * latest value is. Both are 0 when the window has no non-null value.
 * Why: the sampler shows a node only its latest few children, so a quarter's total of a busy account is invisible
 * to message passing, and it is among the flat model's strongest splits on Berka (docs/MODEL-TUNING.md).
 *
 * @param breakdowns per few-valued categorical column of the child table, the values counted separately
 * @param measures   the child's numerical columns whose latest value per breakdown value is an input; empty in
 *                   bundles written before they were
 * @param windowSums whether the windowed sums and means of the measures follow; left out of the JSON when false,
 *                   so a default bundle's encoding reads as before, and false in bundles written before it existed
 */
public record ChildActivityEncoding(String parentTable, String childTable, String foreignKey,
                                    List<Breakdown> breakdowns, List<String> measures,
                                    @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean windowSums) {
    public static final int RECENT_DAYS = 30;
    public static final int WINDOW_DAYS = 90;
    public static final int RECENCY_DAYS = 90;
    static final int OVERALL_FEATURES = 4;
    static final int PER_VALUE_FEATURES = 3;
    static final int OVERALL_WINDOW_FEATURES_PER_MEASURE = 3;
    static final int PER_VALUE_WINDOW_FEATURES_PER_MEASURE = 2;

    /** One child column counted per value. */
    public record Breakdown(String column, List<String> values) {
        public Breakdown {
            values = List.copyOf(values);
        }
    }

    /**
     * What one feature is: the child rows (by table and foreign key), the value it counts (null: all) and how;
     * {@code measure} is the numerical column of a {@link Statistic#LATEST} or a windowed sum or mean, else null.
     */
    public record Feature(String childTable, String foreignKey, String column, String value, Statistic statistic,
                          String measure) {
    }

    public enum Statistic {
        COUNT, COUNT_RECENT, COUNT_WINDOW, RECENCY, LATEST, SUM_RECENT, SUM_WINDOW, MEAN_WINDOW
    }

    public ChildActivityEncoding {
        breakdowns = List.copyOf(breakdowns);
        measures = measures == null ? List.of() : List.copyOf(measures);
    }

    public int width() {
        int values = breakdowns.stream().mapToInt(b -> b.values().size()).sum();
        int width = OVERALL_FEATURES + (PER_VALUE_FEATURES + measures.size()) * values;
        return windowSums ? width + measures.size() * (OVERALL_WINDOW_FEATURES_PER_MEASURE
                + PER_VALUE_WINDOW_FEATURES_PER_MEASURE * values) : width;
    }

    /** This summary with the windowed sums and means of its measures (or without). */
    public ChildActivityEncoding withWindowSums(boolean on) {
        return new ChildActivityEncoding(parentTable, childTable, foreignKey, breakdowns, measures, on);
    }

    /** The features in the order {@link ChildActivityFeatures} writes them. */
    public List<Feature> features() {
        List<Feature> out = new ArrayList<>(List.of(
                new Feature(childTable, foreignKey, null, null, Statistic.COUNT, null),
                new Feature(childTable, foreignKey, null, null, Statistic.COUNT_RECENT, null),
                new Feature(childTable, foreignKey, null, null, Statistic.COUNT_WINDOW, null),
                new Feature(childTable, foreignKey, null, null, Statistic.RECENCY, null)));
        for (Breakdown b : breakdowns) {
            for (String v : b.values()) {
                out.add(new Feature(childTable, foreignKey, b.column(), v, Statistic.COUNT, null));
                out.add(new Feature(childTable, foreignKey, b.column(), v, Statistic.COUNT_WINDOW, null));
                out.add(new Feature(childTable, foreignKey, b.column(), v, Statistic.RECENCY, null));
                for (String m : measures) {
                    out.add(new Feature(childTable, foreignKey, b.column(), v, Statistic.LATEST, m));
                }
            }
        }
        if (windowSums) {
            for (String m : measures) {
                out.add(new Feature(childTable, foreignKey, null, null, Statistic.SUM_RECENT, m));
                out.add(new Feature(childTable, foreignKey, null, null, Statistic.SUM_WINDOW, m));
                out.add(new Feature(childTable, foreignKey, null, null, Statistic.MEAN_WINDOW, m));
            }
            for (Breakdown b : breakdowns) {
                for (String v : b.values()) {
                    for (String m : measures) {
                        out.add(new Feature(childTable, foreignKey, b.column(), v, Statistic.SUM_WINDOW, m));
                        out.add(new Feature(childTable, foreignKey, b.column(), v, Statistic.MEAN_WINDOW, m));
                    }
                }
            }
        }
        return out;
    }

    /**
     * One summary per foreign key whose child table has a time column (a static child has no history to
     * summarise), breaking down the child's categorical columns whose fitted vocabulary has at most
     * {@code maxValues} values; with {@code windowSums}, also the windowed sums and means of the numerical columns.
     */
    static List<ChildActivityEncoding> fit(Database db, List<TableEncoding> tables, int maxValues,
                                           boolean windowSums) {
        List<ChildActivityEncoding> out = new ArrayList<>();
        for (ForeignKey fk : db.schema().foreignKeys()) {
            Table child = db.table(fk.table());
            if (child.timeColumn().isEmpty()) {
                continue;
            }
            TableEncoding childEncoding = tables.stream().filter(t -> t.table().equalsIgnoreCase(child.name()))
                    .findFirst().orElseThrow();
            List<Breakdown> breakdowns = new ArrayList<>();
            List<String> measures = new ArrayList<>();
            for (ColumnEncoding e : childEncoding.columns()) {
                if (e instanceof CategoricalEncoding c && !c.vocabulary().isEmpty()
                        && c.vocabulary().size() <= maxValues) {
                    breakdowns.add(new Breakdown(c.column(), c.vocabulary()));
                } else if (e instanceof NumericalEncoding n) {
                    measures.add(n.column());
                }
            }
            out.add(new ChildActivityEncoding(db.table(fk.referencedTable()).name(), child.name(), fk.column(),
                    breakdowns, measures, windowSums));
        }
        return out;
    }

    boolean summarises(String table) {
        return parentTable.equalsIgnoreCase(table);
    }

    /** The graph's edges from {@code parentTable} rows to their {@code childTable} rows through {@code foreignKey}. */
    public static EdgeType childEdges(Database db, String parentTable, String childTable, String foreignKey) {
        return new EdgeType(db.table(parentTable).name(), EdgeType.REVERSE_PREFIX + foreignKey,
                db.table(childTable).name());
    }
}
