package org.relgraph.query;

import java.util.ArrayList;
import java.util.List;

/** The column references of a condition, which decide the table it reads. */
final class ConditionColumns {
    private ConditionColumns() {
    }

    /** The column references of {@code e}, left to right. */
    static List<ColumnRef> of(Expr e) {
        List<ColumnRef> out = new ArrayList<>();
        collect(e, out);
        return out;
    }

    private static void collect(Expr e, List<ColumnRef> out) {
        if (e instanceof Expr.And and) {
            collect(and.left(), out);
            collect(and.right(), out);
        } else if (e instanceof Expr.Or or) {
            collect(or.left(), out);
            collect(or.right(), out);
        } else if (e instanceof Expr.Not not) {
            collect(not.operand(), out);
        } else if (e instanceof Expr.Comparison c) {
            out.add(c.column());
        } else if (e instanceof Expr.WindowedAggregate a) {
            out.add(a.column());
        } else if (e instanceof Expr.In in) {
            out.add(in.column());
        } else {
            out.add(((Expr.IsNull) e).column());
        }
    }
}
