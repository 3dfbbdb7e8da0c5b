package org.relgraph.query;

import org.relgraph.table.Column;

/**
 * COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, FIRST and LAST over an entity's target rows in the window (see
 * {@link WindowAggregator}), optionally compared with a threshold to give 0/1.
 *
 * <p>An entity with no (non-null) rows in the window gets 0 for COUNT, COUNT_DISTINCT and SUM, and no example at
 * all for AVG, MIN, MAX, FIRST and LAST, which have no value then — the same with a threshold.
 */
final class AggregateLabeler implements WindowLabeler {
    private final WindowAggregator aggregator;
    private final AggregateComparison threshold;

    AggregateLabeler(WindowRows rows, Target.Aggregate target, Column column, RowPredicate where, int entityCount) {
        this.aggregator = new WindowAggregator(rows, target.function(), column, where, entityCount);
        this.threshold = target.thresholdOpt()
                .map(t -> new AggregateComparison(target.function(), column, t.op(), t.value())).orElse(null);
    }

    @Override
    public void label(long anchor, int from, int to, EligibleEntities eligible, TrainingTable.Builder out) {
        aggregator.aggregate(from, to, eligible.mask);
        for (int k = 0; k < eligible.count; k++) {
            int e = eligible.rows[k];
            if (!aggregator.hasValue(e)) {
                continue;
            }
            double value = aggregator.value(e);
            out.add(e, anchor, threshold == null ? value : threshold.holds(value) ? 1 : 0);
        }
    }
}
