package org.relgraph.query;

import java.util.ArrayList;
import java.util.List;

/** Walks condition trees. */
final class Conditions {
    private Conditions() {
    }

    /** The column references of {@code e}, left to right. */
    static List<ColumnRef> columns(Expr e) {
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
        } else if (e instanceof Expr.In in) {
            out.add(in.column());
        } else {
            out.add(((Expr.IsNull) e).column());
        }
    }
}
