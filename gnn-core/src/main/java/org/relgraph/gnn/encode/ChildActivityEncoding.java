package org.relgraph.gnn.encode;

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
 * @param breakdowns per few-valued categorical column of the child table, the values counted separately
 * @param measures   the child's numerical columns whose latest value per breakdown value is an input; empty in
 *                   bundles written before they were
 */
public record ChildActivityEncoding(String parentTable, String childTable, String foreignKey,
                                    List<Breakdown> breakdowns, List<String> measures) {
    public static final int RECENT_DAYS = 30;
    public static final int WINDOW_DAYS = 90;
    public static final int RECENCY_DAYS = 90;
    static final int OVERALL_FEATURES = 4;
    static final int PER_VALUE_FEATURES = 3;

    /** One child column counted per value. */
    public record Breakdown(String column, List<String> values) {
        public Breakdown {
            values = List.copyOf(values);
        }
    }

    /**
     * What one feature is: the child rows (by table and foreign key), the value it counts (null: all) and how;
     * {@code measure} is the numerical column of a {@link Statistic#LATEST}, else null.
     */
    public record Feature(String childTable, String foreignKey, String column, String value, Statistic statistic,
                          String measure) {
    }

    public enum Statistic {
        COUNT, COUNT_RECENT, COUNT_WINDOW, RECENCY, LATEST
    }

    public ChildActivityEncoding {
        breakdowns = List.copyOf(breakdowns);
        measures = measures == null ? List.of() : List.copyOf(measures);
    }

    public int width() {
        return OVERALL_FEATURES + (PER_VALUE_FEATURES + measures.size())
                * breakdowns.stream().mapToInt(b -> b.values().size()).sum();
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
        return out;
    }

    /**
     * One summary per foreign key whose child table has a time column (a static child has no history to
     * summarise), breaking down the child's categorical columns whose fitted vocabulary has at most
     * {@code maxValues} values.
     */
    static List<ChildActivityEncoding> fit(Database db, List<TableEncoding> tables, int maxValues) {
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
                    breakdowns, measures));
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
