package org.relgraph.models.rank;

/**
 * How collaborative filtering mixes its three signals (see {@link Snapshot#scores}); chosen on the train split.
 *
 * @param own        weight of the entity's own past share of an item (repeat behaviour)
 * @param neighbours weight of item-item co-occurrence with the entity's items
 * @param popularity weight of overall popularity (the cold-start fallback)
 */
public record CfWeights(double own, double neighbours, double popularity) {
    /** The grid searched on train: every mix of own history and neighbours, popularity always as the fallback. */
    static final CfWeights[] GRID = {
        new CfWeights(0, 0, 0.01), new CfWeights(1, 0, 0.01), new CfWeights(0, 1, 0.01), new CfWeights(1, 1, 0.01),
        new CfWeights(1, 0.3, 0.01), new CfWeights(0.3, 1, 0.01)
    };
}
