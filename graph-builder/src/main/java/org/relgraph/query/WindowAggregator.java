package org.relgraph.query;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;

/**
 * Aggregates each entity's rows in one window: COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, FIRST or LAST over the
 * rows passing {@code where}, nulls of the column skipped. Shared by label targets and windowed filter
 * conditions so both mean exactly the same thing.
 *
 * <p>After {@link #aggregate}, {@link #hasValue} says whether an entity has a value: always for COUNT,
 * COUNT_DISTINCT and SUM (0 over no rows), otherwise only if it had a row. FIRST/LAST follow the time order;
 * among rows with equal times the lower row number comes first. Categorical values are their dictionary codes;
 * timestamps are epoch milliseconds. Scratch arrays are reused between windows, so one instance serves one thread.
 */
final class WindowAggregator {
    private final WindowRows rows;
    private final RowPredicate where;
    private final Aggregation fn;
    private final Column column;
    private final double[] doubles;
    private final long[] longs;
    private final int[] codes;
    private final int[] distinctIds;

    /** {@code stamp[e] == current} marks entities seen in the current window, so nothing is cleared per window. */
    private final int[] stamp;
    private final int[] count;
    private final double[] acc;
    private long[] buffer = new long[1024];
    private int current;

    /** @param column the aggregated column, null for {@code TABLE.*} (COUNT only) */
    WindowAggregator(WindowRows rows, Aggregation fn, Column column, RowPredicate where, int entityCount) {
        this.rows = rows;
        this.where = where;
        this.fn = fn;
        this.column = column;
        this.doubles = column instanceof DoubleColumn d ? d.values() : null;
        this.longs = column instanceof LongColumn l ? l.values() : null;
        this.codes = column instanceof CategoricalColumn c ? c.codes() : null;
        this.distinctIds = fn == Aggregation.COUNT_DISTINCT ? denseIds(column) : null;
        this.stamp = new int[entityCount];
        this.count = new int[entityCount];
        this.acc = new double[entityCount];
    }

    /** Numbers each distinct value of the column, so COUNT_DISTINCT can sort (entity, value id) pairs. */
    private static int[] denseIds(Column column) {
        if (column instanceof CategoricalColumn c) {
            return c.codes();
        }
        int[] ids = new int[column.size()];
        Map<Long, Integer> idOf = new HashMap<>();
        for (int r = 0; r < ids.length; r++) {
            long key = column instanceof DoubleColumn d ? Double.doubleToLongBits(d.get(r) + 0.0)
                    : ((LongColumn) column).get(r);
            ids[r] = idOf.computeIfAbsent(key, k -> idOf.size());
        }
        return ids;
    }

    private boolean isNull(int r) {
        return column != null && column.isNull(r);
    }

    private double rowValue(int r) {
        return doubles != null ? doubles[r] : longs != null ? longs[r] : codes[r];
    }

    /**
     * Aggregates the rows at sorted positions {@code [from, to)} of the table's time order.
     *
     * @param entities only these entities are aggregated, or all when null
     */
    void aggregate(int from, int to, boolean[] entities) {
        current++;
        int buffered = 0;
        for (int i = from; i < to; i++) {
            int r = rows.order.row(i);
            int e = rows.entity(r);
            if (e < 0 || entities != null && !entities[e] || !where.test(r) || isNull(r)) {
                continue;
            }
            if (fn == Aggregation.COUNT_DISTINCT) {
                if (buffered == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffered * 2);
                }
                buffer[buffered++] = WindowRows.pack(e, distinctIds[r]);
                continue;
            }
            if (stamp[e] != current) {
                stamp[e] = current;
                count[e] = 0;
                acc[e] = 0;
            }
            int n = count[e]++;
            switch (fn) {
                case SUM, AVG -> acc[e] += rowValue(r);
                case MIN -> acc[e] = n == 0 ? rowValue(r) : Math.min(acc[e], rowValue(r));
                case MAX -> acc[e] = n == 0 ? rowValue(r) : Math.max(acc[e], rowValue(r));
                case FIRST -> acc[e] = n == 0 ? rowValue(r) : acc[e];
                case LAST -> acc[e] = rowValue(r);
                default -> {
                    // COUNT needs only the count.
                }
            }
        }
        if (fn == Aggregation.COUNT_DISTINCT) {
            countDistinct(buffered);
        }
    }

    private void countDistinct(int buffered) {
        Arrays.sort(buffer, 0, buffered);
        for (int i = 0; i < buffered; i++) {
            int e = WindowRows.entityOfPacked(buffer[i]);
            if (stamp[e] != current) {
                stamp[e] = current;
                count[e] = 0;
            }
            if (i == 0 || buffer[i] != buffer[i - 1]) {
                count[e]++;
            }
        }
    }

    private int rowCount(int e) {
        return stamp[e] == current ? count[e] : 0;
    }

    /** Whether entity {@code e} has an aggregate value in the last window aggregated. */
    boolean hasValue(int e) {
        return fn.isDefinedOnEmpty() || rowCount(e) > 0;
    }

    /** The aggregate of entity {@code e} in the last window; only meaningful when {@link #hasValue}. */
    double value(int e) {
        int n = rowCount(e);
        return switch (fn) {
            case COUNT, COUNT_DISTINCT -> n;
            case SUM -> n == 0 ? 0 : acc[e];
            case AVG -> acc[e] / n;
            default -> acc[e];
        };
    }
}
