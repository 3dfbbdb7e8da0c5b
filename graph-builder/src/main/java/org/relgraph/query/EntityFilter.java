package org.relgraph.query;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.relgraph.schema.ForeignKey;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The WHERE after FOR EACH, compiled to answer "does entity {@code e} pass at anchor {@code t}?" without reading
 * anything later than {@code t}. Semantics are those documented on {@link PredictiveQuery}: entity columns are a
 * plain row test; a child-table comparison asks whether a linked child row with time ≤ t satisfies it, and
 * {@code !=} means no such row has the value. A windowed aggregate reads the rows in its own window, which may lie
 * after {@code t} (a population condition).
 *
 * <p>Each child-table test is precomputed once as, per entity, the earliest time a satisfying child row appears;
 * "exists as of t" is then one comparison, whatever the number of anchors.
 */
final class EntityFilter {
    /** Decides one entity at one anchor time. */
    @FunctionalInterface
    interface Test {
        boolean passes(int entityRow, long anchor);
    }

    private static final long NEVER = Long.MAX_VALUE;

    private final Database db;
    private final PredictiveQuery query;
    private final Table entities;
    /** Time orders of tables read by windowed aggregates, so several conditions on one table sort it once. */
    private final Map<String, TimeOrder> timeOrders = new HashMap<>();

    private final boolean atPredictionTime;

    private EntityFilter(Database db, PredictiveQuery query, boolean atPredictionTime) {
        this.db = db;
        this.query = query;
        this.entities = db.table(query.entityTable());
        this.atPredictionTime = atPredictionTime;
    }

    /** The compiled filter, or a test that always passes when the query has none. */
    static Test compile(Database db, PredictiveQuery query) {
        return compile(db, query, false);
    }

    /**
     * @param atPredictionTime population conditions (windows ending after the anchor) cannot be known when
     *                         scoring, so they count as satisfied: every entity the rest of the filter admits is
     *                         scored
     */
    static Test compile(Database db, PredictiveQuery query, boolean atPredictionTime) {
        Optional<Expr> filter = query.filter();
        return filter.isEmpty() ? (e, t) -> true
                : new EntityFilter(db, query, atPredictionTime).compile(filter.get());
    }

    private Test compile(Expr e) {
        if (e instanceof Expr.And and) {
            Test l = compile(and.left());
            Test r = compile(and.right());
            return (row, t) -> l.passes(row, t) && r.passes(row, t);
        }
        if (e instanceof Expr.Or or) {
            Test l = compile(or.left());
            Test r = compile(or.right());
            return (row, t) -> l.passes(row, t) || r.passes(row, t);
        }
        if (e instanceof Expr.Not not) {
            Test p = compile(not.operand());
            return (row, t) -> !p.passes(row, t);
        }
        if (e instanceof Expr.WindowedAggregate a) {
            return windowed(a);
        }
        ColumnRef column = ConditionColumns.of(e).get(0);
        if (column.table().equalsIgnoreCase(entities.name())) {
            RowPredicate p = new RowPredicateCompiler(entities).compile(e);
            return (row, t) -> p.test(row);
        }
        boolean negated = e instanceof Expr.Comparison c && c.op() == CompareOp.NE;
        Expr positive = negated ? new Expr.Comparison(((Expr.Comparison) e).column(), CompareOp.EQ,
                ((Expr.Comparison) e).value()) : e;
        long[] firstSeen = firstSatisfied(column.table(), positive);
        return negated ? (row, t) -> firstSeen[row] > t : (row, t) -> firstSeen[row] <= t;
    }

    private Test windowed(Expr.WindowedAggregate a) {
        if (atPredictionTime && a.window().end() > 0) {
            return (row, t) -> true;
        }
        Table table = db.table(a.column().table());
        boolean ownRows = table.name().equalsIgnoreCase(entities.name());
        int[] entityOf = ownRows ? null : db.parentRows(query.filterLinks().get(table.name()));
        TimeOrder order = timeOrders.computeIfAbsent(table.name(), n -> new TimeOrder(table.timeColumn()
                .orElseThrow(() -> new IllegalStateException("binder let an untimed table through: " + n))));
        Column column = a.column().isAllRows() ? null : table.requireColumn(a.column().column());
        RowPredicate where = a.where() == null ? RowPredicate.ALWAYS
                : new RowPredicateCompiler(table).compile(a.where());
        WindowAggregator aggregator = new WindowAggregator(new WindowRows(order, entityOf), a.function(), column,
                where, entities.rowCount());
        return new WindowedCondition(order, a.window(), aggregator,
                new AggregateComparison(a.function(), column, a.op(), a.value()));
    }

    /** Per entity row, the earliest time a linked child row satisfies {@code condition}, or {@link #NEVER}. */
    private long[] firstSatisfied(String childTable, Expr condition) {
        Table child = db.table(childTable);
        ForeignKey fk = query.filterLinks().get(child.name());
        int[] parent = db.parentRows(fk);
        RowPredicate p = new RowPredicateCompiler(child).compile(condition);
        Optional<LongColumn> time = child.timeColumn();
        long[] first = new long[entities.rowCount()];
        Arrays.fill(first, NEVER);
        for (int r = 0; r < parent.length; r++) {
            int e = parent[r];
            if (e < 0 || !p.test(r)) {
                continue;
            }
            long at;
            if (time.isEmpty()) {
                at = Long.MIN_VALUE; // a static child row is known at every time
            } else if (time.get().isNull(r)) {
                continue; // a row that cannot be placed in time cannot be shown to precede the anchor
            } else {
                at = time.get().get(r);
            }
            if (at < first[e]) {
                first[e] = at;
            }
        }
        return first;
    }
}
