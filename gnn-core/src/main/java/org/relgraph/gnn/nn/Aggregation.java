package org.relgraph.gnn.nn;

/** How messages arriving at one destination are combined. */
public enum Aggregation {
    SUM,
    /** Sum divided by the in-degree; destinations without messages get zeros. */
    MEAN;

    /** Per-destination factor applied to the message sum, or null when there is none. */
    double[] destinationScale(Grouping byDestination) {
        if (this == SUM) {
            return null;
        }
        double[] scale = new double[byDestination.numGroups()];
        for (int d = 0; d < scale.length; d++) {
            int deg = byDestination.size(d);
            scale[d] = deg == 0 ? 0.0 : 1.0 / deg;
        }
        return scale;
    }
}
