package org.relgraph.query;

import java.util.OptionalLong;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;

/**
 * {@code aggregate op literal}, with the literal converted once into the aggregate's own scale: a number for
 * counts, sums and averages and numeric columns, epoch ms for timestamps, a dictionary code for categories.
 */
final class AggregateComparison {
    private final CompareOp op;
    private final double value;
    /** The literal equals no value the aggregate can take (a category never seen, a fractional id). */
    private final boolean matchesNothing;

    /** @param column the aggregated column, null for {@code TABLE.*} */
    AggregateComparison(Aggregation fn, Column column, CompareOp op, Literal literal) {
        this.op = op;
        OptionalLong v = scaled(fn, column, literal);
        this.matchesNothing = v.isEmpty();
        this.value = matchesNothing ? Double.NaN : Double.longBitsToDouble(v.getAsLong());
    }

    /** The literal as double bits in the aggregate's scale, or empty when no aggregate value can equal it. */
    private static OptionalLong scaled(Aggregation fn, Column column, Literal literal) {
        boolean numericResult = fn == Aggregation.COUNT || fn == Aggregation.COUNT_DISTINCT || fn == Aggregation.SUM
                || fn == Aggregation.AVG;
        if (numericResult || column instanceof DoubleColumn) {
            return OptionalLong.of(Double.doubleToLongBits(LiteralValues.number(literal)));
        }
        if (column instanceof LongColumn lc) {
            OptionalLong v = LiteralValues.longValue(lc.type(), literal);
            return v.isEmpty() ? v : OptionalLong.of(Double.doubleToLongBits(v.getAsLong()));
        }
        CategoricalColumn cc = (CategoricalColumn) column;
        int code = cc.dictionary().indexOf(LiteralValues.written(literal));
        return code < 0 ? OptionalLong.empty() : OptionalLong.of(Double.doubleToLongBits(code));
    }

    boolean holds(double aggregate) {
        if (matchesNothing) {
            return op == CompareOp.NE;
        }
        int cmp = aggregate < value ? -1 : aggregate > value ? 1 : 0;
        return op.holds(cmp);
    }
}
