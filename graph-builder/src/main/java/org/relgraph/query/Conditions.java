package org.relgraph.query;

import java.util.List;
import org.relgraph.table.Table;

/**
 * Public access to bound conditions for the model layer: a collaborative-filtering baseline needs to know which past
 * target rows satisfied the ARGMAX condition (its history), and which columns the condition reads (they are not
 * part of "the action").
 */
public final class Conditions {
    private Conditions() {
    }

    /** {@code condition} compiled against {@code table}'s columns, as the label builder compiles it. */
    public static RowPredicate compile(Table table, Expr condition) {
        return new RowPredicateCompiler(table).compile(condition);
    }

    /** The column references of {@code condition}, left to right. */
    public static List<ColumnRef> columns(Expr condition) {
        return ConditionColumns.of(condition);
    }
}
