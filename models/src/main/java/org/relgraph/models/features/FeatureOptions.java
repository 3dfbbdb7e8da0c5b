package org.relgraph.models.features;

import java.util.List;

/**
 * What to compute.
 *
 * @param windowDays      trailing windows for aggregates; all-history aggregates are always added
 * @param topK            per categorical column, how many of the most frequent training-period values get their
 *                        own count
 * @param maxHops         1: child tables only; 2: also grandchildren and the parents of children
 * @param entityColumns   whether the entity row's own columns are features
 * @param aggregates      whether aggregates of related rows are features
 * @param featureCutoffMs no row later than this is ever read, whatever the anchor (RelBench reads no row after the
 *                        test split's start for any split); {@link Long#MAX_VALUE} for none
 * @param derived         shares, forms and trends beside the aggregates ({@link DerivedFeatures}); none by default
 */
public record FeatureOptions(List<Integer> windowDays, int topK, int maxHops, boolean entityColumns,
                             boolean aggregates, long featureCutoffMs, DerivedFeatures derived) {
    public static final long NO_CUTOFF = Long.MAX_VALUE;

    public FeatureOptions {
        windowDays = List.copyOf(windowDays);
        derived = derived == null ? DerivedFeatures.none() : derived;
        if (maxHops < 1 || maxHops > 2) {
            throw new IllegalArgumentException("maxHops must be 1 or 2, not " + maxHops);
        }
    }

    /**
     * Windows 7/30/90/365 days, two hops, entity columns and aggregates, no cutoff, and the top 20 values of each
     * categorical column: enough to cover most business vocabularies whole, because the telling values (a
     * real-estate merchant) are often rare ones.
     */
    public static FeatureOptions defaults() {
        return new FeatureOptions(List.of(7, 30, 90, 365), 20, 2, true, true, NO_CUTOFF, DerivedFeatures.none());
    }

    /** Only the entity row's own columns: the "one flat table" a customer file gives you. */
    public static FeatureOptions entityColumnsOnly() {
        return new FeatureOptions(List.of(), 0, 1, true, false, NO_CUTOFF, DerivedFeatures.none());
    }

    public FeatureOptions withFeatureCutoff(long epochMs) {
        return new FeatureOptions(windowDays, topK, maxHops, entityColumns, aggregates, epochMs, derived);
    }

    public FeatureOptions withWindows(List<Integer> days) {
        return new FeatureOptions(days, topK, maxHops, entityColumns, aggregates, featureCutoffMs, derived);
    }

    public FeatureOptions withTopK(int k) {
        return new FeatureOptions(windowDays, k, maxHops, entityColumns, aggregates, featureCutoffMs, derived);
    }

    public FeatureOptions withMaxHops(int hops) {
        return new FeatureOptions(windowDays, topK, hops, entityColumns, aggregates, featureCutoffMs, derived);
    }

    public FeatureOptions withEntityColumns(boolean include) {
        return new FeatureOptions(windowDays, topK, maxHops, include, aggregates, featureCutoffMs, derived);
    }

    public FeatureOptions withDerived(DerivedFeatures d) {
        return new FeatureOptions(windowDays, topK, maxHops, entityColumns, aggregates, featureCutoffMs, d);
    }
}
