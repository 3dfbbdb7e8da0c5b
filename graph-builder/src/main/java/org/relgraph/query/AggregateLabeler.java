package org.relgraph.query;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;

/**
 * COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, FIRST and LAST over an entity's target rows in the window (rows
 * passing the aggregation's WHERE, nulls skipped), optionally compared with a threshold to give 0/1.
 *
 * <p>An entity with no (non-null) rows in the window gets 0 for COUNT, COUNT_DISTINCT and SUM, and no example at
 * all for AVG, MIN, MAX, FIRST and LAST, which have no value then — the same with a threshold. FIRST/LAST follow
 * the time order; among rows with equal times the lower row number comes first. Categorical values are their
 * dictionary codes; timestamps are epoch milliseconds.
 */
final class AggregateLabeler implements WindowLabeler {
    private final WindowRows rows;
    private final RowPredicate where;
    private final Aggregation fn;
    private final Column column;
    private final double[] doubles;
    private final long[] longs;
    private final int[] codes;
    private final int[] distinctIds;
    private final Target.Threshold threshold;
    private final double thresholdValue;
    private final boolean thresholdMatchesNothing;

    private final int[] stamp;
    private final int[] count;
    private final double[] acc;
    private long[] buffer = new long[1024];
    private int current;

    AggregateLabeler(WindowRows rows, Target.Aggregate target, Column column, RowPredicate where, int entityCount) {
        this.rows = rows;
        this.where = where;
        this.fn = target.function();
        this.column = column;
        this.doubles = column instanceof DoubleColumn d ? d.values() : null;
        this.longs = column instanceof LongColumn l ? l.values() : null;
        this.codes = column instanceof CategoricalColumn c ? c.codes() : null;
        this.distinctIds = fn == Aggregation.COUNT_DISTINCT ? denseIds(column) : null;
        this.threshold = target.threshold();
        double value = Double.NaN;
        boolean nothing = false;
        if (threshold != null) {
            OptionalLong v = thresholdValue(threshold.value());
            nothing = v.isEmpty();
            value = nothing ? Double.NaN : Double.longBitsToDouble(v.getAsLong());
        }
        this.thresholdValue = value;
        this.thresholdMatchesNothing = nothing;
        this.stamp = new int[entityCount];
        this.count = new int[entityCount];
        this.acc = new double[entityCount];
    }

    /** The threshold in the label's own scale (as double bits), or empty when no label value can equal it. */
    private OptionalLong thresholdValue(Literal literal) {
        boolean numericResult = fn == Aggregation.COUNT || fn == Aggregation.COUNT_DISTINCT || fn == Aggregation.SUM
                || fn == Aggregation.AVG;
        if (numericResult || column instanceof DoubleColumn) {
            return OptionalLong.of(Double.doubleToLongBits(RowPredicateCompiler.number(literal)));
        }
        if (column instanceof LongColumn lc) {
            OptionalLong v = RowPredicateCompiler.longValue(lc, literal);
            return v.isEmpty() ? v : OptionalLong.of(Double.doubleToLongBits(v.getAsLong()));
        }
        CategoricalColumn cc = (CategoricalColumn) column;
        String text = literal instanceof Literal.StringLiteral s ? s.value() : literal.render();
        int code = cc.dictionary().indexOf(text);
        return code < 0 ? OptionalLong.empty() : OptionalLong.of(Double.doubleToLongBits(code));
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

    private double value(int r) {
        return doubles != null ? doubles[r] : longs != null ? longs[r] : codes[r];
    }

    @Override
    public void label(long anchor, int from, int to, EligibleEntities eligible, TrainingTable.Builder out) {
        current++;
        int buffered = 0;
        for (int i = from; i < to; i++) {
            int r = rows.order.row(i);
            int e = rows.entity(r);
            if (e < 0 || !eligible.mask[e] || !where.test(r) || isNull(r)) {
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
                case SUM, AVG -> acc[e] += value(r);
                case MIN -> acc[e] = n == 0 ? value(r) : Math.min(acc[e], value(r));
                case MAX -> acc[e] = n == 0 ? value(r) : Math.max(acc[e], value(r));
                case FIRST -> acc[e] = n == 0 ? value(r) : acc[e];
                case LAST -> acc[e] = value(r);
                default -> {
                    // COUNT needs only the count.
                }
            }
        }
        if (fn == Aggregation.COUNT_DISTINCT) {
            countDistinct(buffered);
        }
        for (int k = 0; k < eligible.count; k++) {
            int e = eligible.rows[k];
            int n = stamp[e] == current ? count[e] : 0;
            if (n == 0 && !fn.isDefinedOnEmpty()) {
                continue;
            }
            double value = switch (fn) {
                case COUNT, COUNT_DISTINCT -> n;
                case SUM -> n == 0 ? 0 : acc[e];
                case AVG -> acc[e] / n;
                default -> acc[e];
            };
            out.add(e, anchor, threshold == null ? value : compare(value));
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

    private double compare(double value) {
        if (thresholdMatchesNothing) {
            return threshold.op() == CompareOp.NE ? 1 : 0;
        }
        int cmp = value < thresholdValue ? -1 : value > thresholdValue ? 1 : 0;
        return threshold.op().holds(cmp) ? 1 : 0;
    }
}
