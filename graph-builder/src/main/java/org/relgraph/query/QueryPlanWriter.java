package org.relgraph.query;

/** Writes {@link PredictiveQuery#plan()}: what the query computes, in words, one aspect per line. */
final class QueryPlanWriter {
    private final PredictiveQuery query;

    QueryPlanWriter(PredictiveQuery query) {
        this.query = query;
    }

    String write() {
        StringBuilder out = new StringBuilder();
        out.append(query).append('\n');
        out.append("task:     ").append(query.taskType()).append('\n');
        out.append("entities: one per ").append(query.entityTable()).append('.').append(query.entityKey())
                .append(" that exists at the anchor time t\n");
        query.filter().ifPresent(f -> out.append("filter:   ").append(filter(f))
                .append(readsChildRowsAsOfAnchor(f) ? "   (child rows with time <= t)" : "").append('\n'));
        TimeWindow w = query.window();
        out.append("rows:     ").append(query.targetTable())
                .append(query.targetLink().map(fk -> " linked by " + fk).orElse(" (the entity rows themselves)"))
                .append(", time in (t + ").append(w.start()).append(' ').append(w.unit().render()).append(", t + ")
                .append(w.end()).append(' ').append(w.unit().render()).append("]\n");
        out.append("label:    ").append(label(query.target()));
        query.offerRule().ifPresent(r -> out.append("\noffering: per (entity, t) only the actions ")
                .append(r.notHeld().isEmpty() ? "" : "whose " + r.offer().render() + " the entity does not hold at t")
                .append(r.notHeld().isEmpty() || r.eligible().isEmpty() ? "" : " and ")
                .append(r.eligible().isEmpty() ? "" : "the catalog makes it eligible for")
                .append(" (").append(r.render()).append(')'));
        return out.toString();
    }

    private String label(Target target) {
        if (target instanceof Target.Bool b) {
            return "1 if any row satisfies " + b.condition().render() + ", else 0";
        }
        if (target instanceof Target.ListDistinct l) {
            return "the distinct rows referenced by " + l.foreignKey().render() + ", ranked top " + l.topK()
                    + "; entities with none are dropped";
        }
        if (target instanceof Target.ArgMax a) {
            return "one example per row: 1 if " + a.condition().render() + " holds, else 0; candidate actions "
                    + "are ranked by the model layer";
        }
        Target.Aggregate a = (Target.Aggregate) target;
        String value = a.function() + "(" + a.column().render() + ")"
                + (a.where() == null ? "" : " over rows where " + a.where().render());
        String empty = a.function().isDefinedOnEmpty() ? "0 when no rows"
                : "entities with no rows are dropped for that anchor";
        if (a.threshold() != null) {
            return "1 if " + value + " " + a.threshold().render() + ", else 0 (" + empty + ")";
        }
        return value + " (" + empty + ")";
    }

    /** Whether the filter holds an existential child-table condition, which sees child rows up to the anchor. */
    private boolean readsChildRowsAsOfAnchor(Expr e) {
        if (e instanceof Expr.And and) {
            return readsChildRowsAsOfAnchor(and.left()) || readsChildRowsAsOfAnchor(and.right());
        }
        if (e instanceof Expr.Or or) {
            return readsChildRowsAsOfAnchor(or.left()) || readsChildRowsAsOfAnchor(or.right());
        }
        if (e instanceof Expr.Not not) {
            return readsChildRowsAsOfAnchor(not.operand());
        }
        return !(e instanceof Expr.WindowedAggregate)
                && !ConditionColumns.of(e).get(0).table().equalsIgnoreCase(query.entityTable());
    }

    private static String offset(long n, TimeWindow w) {
        return n == 0 ? "" : (n > 0 ? " + " : " - ") + Math.abs(n) + " " + w.unit().render();
    }

    /** The filter with each child-table condition spelt out as the existence test it is. */
    private String filter(Expr e) {
        if (e instanceof Expr.And and) {
            return "(" + filter(and.left()) + " AND " + filter(and.right()) + ")";
        }
        if (e instanceof Expr.Or or) {
            return "(" + filter(or.left()) + " OR " + filter(or.right()) + ")";
        }
        if (e instanceof Expr.Not not) {
            return "NOT " + filter(not.operand());
        }
        if (e instanceof Expr.WindowedAggregate a) {
            TimeWindow w = a.window();
            return a.render() + " [rows in (t" + offset(w.start(), w) + ", t" + offset(w.end(), w) + "]"
                    + (a.readsAfterAnchor() ? ", population condition at label time" : "") + "]";
        }
        ColumnRef column = ConditionColumns.of(e).get(0);
        if (column.table().equalsIgnoreCase(query.entityTable())) {
            return e.render();
        }
        if (e instanceof Expr.Comparison c && c.op() == CompareOp.NE) {
            return "NOT EXISTS " + column.table() + "(" + new Expr.Comparison(c.column(), CompareOp.EQ, c.value())
                    .render() + ")";
        }
        return "EXISTS " + column.table() + "(" + e.render() + ")";
    }
}
