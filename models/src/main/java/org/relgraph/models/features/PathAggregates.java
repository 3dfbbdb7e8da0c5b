package org.relgraph.models.features;

import static org.relgraph.models.features.DuckDbMirror.valueColumn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.relgraph.table.CategoricalColumn;

/**
 * The aggregate columns of one {@link RelatedPath} and the single SQL query that computes them, grouped by example
 * ({@code qid}). Every statistic is computed over all history and over each trailing window of the path's event
 * time; a path without any time gets all-history statistics only.
 */
final class PathAggregates {
    private static final long DAY_MS = 86_400_000L;

    private final RelatedPath path;
    private final String time;
    private final List<Integer> windowDays;
    private final List<String> expressions = new ArrayList<>();
    private final List<FeatureColumn> columns = new ArrayList<>();
    private final List<Float> withoutRows = new ArrayList<>();

    PathAggregates(RelatedPath path, List<Integer> windowDays) {
        this.path = path;
        this.time = path.eventTime();
        this.windowDays = time == null ? List.of() : windowDays;
    }

    void count() {
        perWindow(null, List.of(), "count", filter -> "count(*)" + filter, 0f);
    }

    /** Days from the cut back to the latest and the earliest event: how recent and how old the relationship is. */
    void recency() {
        if (time != null) {
            add(null, List.of(), "days_since_last", "(a.cut - max(" + time + ")) / " + (double) DAY_MS, 0, Float.NaN);
            add(null, List.of(), "days_since_first", "(a.cut - min(" + time + ")) / " + (double) DAY_MS, 0, Float.NaN);
        }
    }

    /**
     * Sum, mean, min and max. fsum/favg sum with error compensation, which makes the result independent of the order
     * in which DuckDB's threads combine partial sums — a plain double sum would make features, and so the
     * trained model, differ from run to run in the last bits.
     */
    void numeric(String column) {
        String x = path.measuredAlias() + "." + valueColumn(column);
        perWindow(column, List.of(column), "sum", filter -> "coalesce(fsum(" + x + ")" + filter + ", 0)", 0f);
        perWindow(column, List.of(column), "mean", filter -> "favg(" + x + ")" + filter, Float.NaN);
        perWindow(column, List.of(column), "min", filter -> "min(" + x + ")" + filter, Float.NaN);
        perWindow(column, List.of(column), "max", filter -> "max(" + x + ")" + filter, Float.NaN);
    }

    /**
     * The value of the latest row (a balance, a score): for snapshot tables the current state says more than any
     * mean. Ties in time go to the larger value, so the choice does not depend on row order.
     */
    void latest(String column) {
        if (time != null) {
            String x = path.measuredAlias() + "." + valueColumn(column);
            add(column, List.of(column), "last", "arg_max(" + x + ", (" + time + ", " + x + ")) FILTER (WHERE " + x + " IS NOT NULL)",
                    0, Float.NaN);
        }
    }

    /**
     * The latest value of a number among rows with one frequent category, e.g. the last savings balance among
     * balances of every account type: the category says which series a snapshot row belongs to.
     */
    void latestPerCategory(CategoricalColumn category, List<String> topValues, String column) {
        if (time == null) {
            return;
        }
        String x = path.measuredAlias() + "." + valueColumn(column);
        String c = path.measuredAlias() + "." + valueColumn(category.name());
        for (String value : topValues) {
            int code = category.dictionary().indexOf(value);
            add(column + "[" + category.name() + "=" + value + "]", List.of(column, category.name()), "last", "arg_max(" + x + ", (" + time + ", " + x
                    + ")) FILTER (WHERE " + x + " IS NOT NULL AND " + c + " = " + code + ")", 0, Float.NaN);
        }
    }

    /**
     * Distinct values over all history and, per value that was frequent in the training period, its count in each
     * window and the days since it last occurred.
     */
    void categorical(CategoricalColumn column, List<String> topValues) {
        String x = path.measuredAlias() + "." + valueColumn(column.name());
        add(column.name(), List.of(column.name()), "distinct", "count(DISTINCT " + x + ")", 0, 0f);
        List<String> dictionary = column.dictionary();
        for (String value : topValues) {
            // A value this database's dictionary lacks (a reloaded, changed database) matches no row: count 0.
            int code = dictionary.indexOf(value);
            String condition = x + " = " + code;
            String name = column.name() + "=" + value;
            add(name, List.of(column.name()), "count", "count(*) FILTER (WHERE " + condition + ")", 0, 0f);
            for (int days : windowDays) {
                add(name, List.of(column.name()), "count", "count(*) FILTER (WHERE " + condition + " AND " + inWindow(days) + ")", days, 0f);
            }
            if (time != null) {
                // How long ago the value last occurred dates an episode (a burst of real-estate purchases, a run of
                // offers) more finely than counts over fixed windows, which only bracket it.
                add(name, List.of(column.name()), "days_since_last", "(a.cut - max(" + time + ") FILTER (WHERE " + condition + ")) / "
                        + (double) DAY_MS, 0, Float.NaN);
            }
        }
    }

    /**
     * The mean of the latest {@code k} non-null values (ties in time by value, so the rows taken do not depend on
     * row order) and its difference from the mean over all history: a driver's form over the last races, however
     * long the off-season before the cut. The k values are averaged in list order, so the sum is the same on
     * every run.
     */
    void lastRows(String column, int k) {
        if (time == null) {
            return;
        }
        String x = path.measuredAlias() + "." + valueColumn(column);
        String latest = "list_aggregate(list_slice(list(" + x + " ORDER BY " + time + " DESC, " + x
                + " DESC) FILTER (WHERE " + x + " IS NOT NULL), 1, " + k + "), 'favg')";
        add(column, List.of(column), "mean_last" + k + "rows", latest, 0, Float.NaN);
        add(column, List.of(column), "trend_last" + k + "rows", latest + " - favg(" + x + ")", 0, Float.NaN);
    }

    /**
     * The mean with each row weighted by {@code 2^(-age / halfLife)}, age counted from the cut. Shifting every
     * age by the same amount scales all weights alike, so the mean does not move when the cut falls in a long gap
     * (RelBench's test anchors all see the database as of 2010-01-01). Both sums are error-compensated.
     */
    void recencyWeightedMean(String column, int halfLifeDays) {
        if (time == null) {
            return;
        }
        String x = path.measuredAlias() + "." + valueColumn(column);
        String weight = "pow(2, -(a.cut - " + time + ") / " + (double) halfLifeDays * DAY_MS + ")";
        add(column, List.of(column), "mean_halflife" + halfLifeDays + "d", "fsum(" + x + " * " + weight
                + ") / nullif(fsum(" + weight + ") FILTER (WHERE " + x + " IS NOT NULL), 0)", 0, Float.NaN);
    }

    /**
     * Per frequent value, its share of the path's rows over all history and over {@code windowDays} (0 for all
     * history only): non-finishes over races. NaN when the window holds no row, not 0: no races is not a clean
     * record.
     */
    void shares(CategoricalColumn column, List<String> topValues, int windowDays) {
        String x = path.measuredAlias() + "." + valueColumn(column.name());
        for (String value : topValues) {
            String condition = x + " = " + column.dictionary().indexOf(value);
            String name = column.name() + "=" + value;
            add(name, List.of(column.name()), "share", "(count(*) FILTER (WHERE " + condition
                    + "))::DOUBLE / count(*)", 0, Float.NaN);
            if (time != null && windowDays > 0) {
                add(name, List.of(column.name()), "share", "(count(*) FILTER (WHERE " + condition + " AND "
                        + inWindow(windowDays) + "))::DOUBLE / nullif(count(*) FILTER (WHERE " + inWindow(windowDays)
                        + "), 0)", windowDays, Float.NaN);
            }
        }
    }

    /** The aggregate over all history and over each window; {@code aggregate} places the FILTER clause it gets. */
    private void perWindow(String column, List<String> reads, String statistic, UnaryOperator<String> aggregate, float withoutRows) {
        add(column, reads, statistic, aggregate.apply(""), 0, withoutRows);
        for (int days : windowDays) {
            add(column, reads, statistic, aggregate.apply(" FILTER (WHERE " + inWindow(days) + ")"), days, withoutRows);
        }
    }

    private String inWindow(int days) {
        return time + " > a.cut - " + days * DAY_MS;
    }

    /**
     * @param reads the measured table's columns the value depends on; when the measured table is the entity table
     *              (a transfer's other party), masking one of them leaves the aggregate nothing to read, the same
     *              as no rows
     */
    private void add(String column, List<String> reads, String statistic, String expression, int days,
                     float withoutRows) {
        String window = days == 0 ? "all" : days + "d";
        String name = path.name() + "." + (column == null ? "" : column + ".") + statistic + "_" + window;
        columns.add(new FeatureColumn(name, path.name(), path.hops(), statistic, days, path.tables(),
                path.measuresEntity() ? reads : List.of(), withoutRows));
        expressions.add(expression);
        this.withoutRows.add(withoutRows);
    }

    boolean isEmpty() {
        return columns.isEmpty();
    }

    int size() {
        return columns.size();
    }

    FeatureColumn column(int k) {
        return columns.get(k);
    }

    /** The value for an example no row of the path reaches: 0 for counts and sums, NaN (missing) otherwise. */
    float valueWithoutRows(int k) {
        return withoutRows.get(k);
    }

    String sql() {
        return "SELECT a.qid, " + String.join(", ", expressions) + " FROM " + path.joinFromAnchors()
                + " GROUP BY a.qid, a.cut";
    }
}
