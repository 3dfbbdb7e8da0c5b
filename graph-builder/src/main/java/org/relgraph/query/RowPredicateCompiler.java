package org.relgraph.query;

import java.util.List;
import java.util.OptionalLong;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Turns a bound condition into a {@link RowPredicate} over the primitive arrays of one table, so evaluating it
 * costs an array read and a compare per row. Literals are converted once: strings to dictionary codes, dates to
 * epoch milliseconds. A comparison against a null value is false, for {@code !=} too; only IS NULL sees nulls.
 */
final class RowPredicateCompiler {
    private final Table table;

    RowPredicateCompiler(Table table) {
        this.table = table;
    }

    RowPredicate compile(Expr e) {
        if (e instanceof Expr.And and) {
            RowPredicate l = compile(and.left());
            RowPredicate r = compile(and.right());
            return row -> l.test(row) && r.test(row);
        }
        if (e instanceof Expr.Or or) {
            RowPredicate l = compile(or.left());
            RowPredicate r = compile(or.right());
            return row -> l.test(row) || r.test(row);
        }
        if (e instanceof Expr.Not not) {
            RowPredicate p = compile(not.operand());
            return row -> !p.test(row);
        }
        if (e instanceof Expr.IsNull n) {
            Column c = column(n.column());
            return n.negated() ? row -> !c.isNull(row) : c::isNull;
        }
        if (e instanceof Expr.In in) {
            return in(column(in.column()), in.values());
        }
        Expr.Comparison c = (Expr.Comparison) e;
        return compare(column(c.column()), c.op(), c.value());
    }

    private Column column(ColumnRef ref) {
        return table.requireColumn(ref.column());
    }

    private RowPredicate compare(Column column, CompareOp op, Literal value) {
        if (column instanceof CategoricalColumn cc) {
            int code = cc.dictionary().indexOf(LiteralValues.text(value));
            int[] codes = cc.codes();
            if (code < 0) {
                // The value never occurs: = matches nothing, != matches every non-null row.
                return op == CompareOp.NE ? row -> codes[row] != CategoricalColumn.NULL_CODE : row -> false;
            }
            return op == CompareOp.EQ ? row -> codes[row] == code
                    : row -> codes[row] != code && codes[row] != CategoricalColumn.NULL_CODE;
        }
        if (column instanceof DoubleColumn dc) {
            double x = LiteralValues.number(value);
            double[] v = dc.values();
            return switch (op) {
                case EQ -> row -> v[row] == x && !dc.isNull(row);
                case NE -> row -> v[row] != x && !dc.isNull(row);
                case LT -> row -> v[row] < x && !dc.isNull(row);
                case LE -> row -> v[row] <= x && !dc.isNull(row);
                case GT -> row -> v[row] > x && !dc.isNull(row);
                case GE -> row -> v[row] >= x && !dc.isNull(row);
            };
        }
        LongColumn lc = (LongColumn) column;
        OptionalLong parsed = LiteralValues.longValue(lc.type(), value);
        if (parsed.isEmpty()) {
            return op == CompareOp.NE ? row -> !lc.isNull(row) : row -> false;
        }
        long x = parsed.getAsLong();
        long[] v = lc.values();
        return switch (op) {
            case EQ -> row -> v[row] == x && !lc.isNull(row);
            case NE -> row -> v[row] != x && !lc.isNull(row);
            case LT -> row -> v[row] < x && !lc.isNull(row);
            case LE -> row -> v[row] <= x && !lc.isNull(row);
            case GT -> row -> v[row] > x && !lc.isNull(row);
            case GE -> row -> v[row] >= x && !lc.isNull(row);
        };
    }

    private RowPredicate in(Column column, List<Literal> values) {
        if (column instanceof CategoricalColumn cc) {
            boolean[] member = new boolean[cc.cardinality()];
            for (Literal value : values) {
                int code = cc.dictionary().indexOf(LiteralValues.text(value));
                if (code >= 0) {
                    member[code] = true;
                }
            }
            int[] codes = cc.codes();
            return row -> codes[row] != CategoricalColumn.NULL_CODE && member[codes[row]];
        }
        RowPredicate any = row -> false;
        for (Literal value : values) {
            RowPredicate previous = any;
            RowPredicate equal = compare(column, CompareOp.EQ, value);
            any = row -> previous.test(row) || equal.test(row);
        }
        return any;
    }
}
