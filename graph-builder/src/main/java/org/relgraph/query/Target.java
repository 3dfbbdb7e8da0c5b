package org.relgraph.query;

import java.util.Optional;

/** What a query predicts, computed from rows of one target table inside a time window after the anchor. */
public sealed interface Target {
    TimeWindow window();

    Span span();

    String render();

    /** {@code BOOL(cond, start, end, unit)}: does any target row in the window satisfy {@code condition}? */
    record Bool(Expr condition, TimeWindow window, Span span) implements Target {
        @Override
        public String render() {
            return "BOOL(" + condition.render() + ", " + window.render() + ")";
        }
    }

    /**
     * {@code AGG(table.col [WHERE cond], start, end[, unit]) [op literal]}.
     *
     * @param where     rows of the target table to aggregate, or null for all
     * @param threshold turns the aggregate into a binary target, or null
     */
    record Aggregate(Aggregation function, ColumnRef column, Expr where, TimeWindow window, Threshold threshold,
                     Span span) implements Target {
        public Optional<Expr> whereOpt() {
            return Optional.ofNullable(where);
        }

        public Optional<Threshold> thresholdOpt() {
            return Optional.ofNullable(threshold);
        }

        @Override
        public String render() {
            return function + "(" + column.render() + (where == null ? "" : " WHERE " + where.render()) + ", "
                    + window.render() + ")" + (threshold == null ? "" : " " + threshold.render());
        }
    }

    /** {@code op literal} after an aggregation. */
    record Threshold(CompareOp op, Literal value) {
        public String render() {
            return op.symbol() + " " + value.render();
        }
    }

    /**
     * {@code LIST_DISTINCT(table.fk, start, end[, unit]) RANK TOP k}: which rows of the table {@code fk} references
     * will the entity link to in the window; a ranking of the top {@code k}.
     */
    record ListDistinct(ColumnRef foreignKey, TimeWindow window, int topK, Span span) implements Target {
        @Override
        public String render() {
            return "LIST_DISTINCT(" + foreignKey.render() + ", " + window.render() + ") RANK TOP " + topK;
        }
    }

    /**
     * {@code ARGMAX(cond[, start, end, unit])}: rank candidate actions by the probability that {@code condition}
     * holds for a target row. Which candidates exist (e.g. offer × channel) is left to the model layer.
     *
     * @param window the window written, or {@link TimeWindow#ARGMAX_DEFAULT}
     */
    record ArgMax(Expr condition, TimeWindow window, Span span) implements Target {
        /**
         * The columns that make up an action: the target table's categorical columns other than those the
         * condition reads (the outcome is not part of the action), in schema order; keys, times and numbers are
         * never categorical, so they are out too.
         */
        public java.util.List<String> actionColumns(org.relgraph.schema.TableSchema target) {
            java.util.Set<String> read = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
            ConditionColumns.of(condition).forEach(c -> read.add(c.column()));
            return target.columns().stream()
                    .filter(c -> c.type() == org.relgraph.schema.SemanticType.CATEGORICAL && !read.contains(c.name()))
                    .map(org.relgraph.schema.ColumnSchema::name).toList();
        }

        @Override
        public String render() {
            return "ARGMAX(" + condition.render() + ", " + window.render() + ")";
        }
    }
}
