package org.relgraph.query;

/**
 * A windowed aggregate condition of the entity filter, answered per (entity, anchor). The aggregate is computed
 * for all entities when the anchor changes and then read from the aggregator: the builder asks about every entity
 * of one anchor before moving to the next, so each anchor costs one pass over its window's rows.
 */
final class WindowedCondition implements EntityFilter.Test {
    private final TimeOrder order;
    private final TimeWindow window;
    private final WindowAggregator aggregator;
    private final AggregateComparison comparison;
    private boolean aggregated;
    private long aggregatedAt;

    WindowedCondition(TimeOrder order, TimeWindow window, WindowAggregator aggregator,
                      AggregateComparison comparison) {
        this.order = order;
        this.window = window;
        this.aggregator = aggregator;
        this.comparison = comparison;
    }

    @Override
    public boolean passes(int entityRow, long anchor) {
        if (!aggregated || aggregatedAt != anchor) {
            aggregator.aggregate(order.firstAfter(window.startTime(anchor)), order.firstAfter(window.endTime(anchor)),
                    null);
            aggregatedAt = anchor;
            aggregated = true;
        }
        // An aggregate without a value (AVG, MIN, MAX, FIRST, LAST of no rows) satisfies no comparison.
        return aggregator.hasValue(entityRow) && comparison.holds(aggregator.value(entityRow));
    }
}
