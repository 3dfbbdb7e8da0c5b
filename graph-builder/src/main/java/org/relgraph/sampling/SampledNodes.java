package org.relgraph.sampling;

/**
 * The sampled nodes of one node type, indexed by local id (0 .. size-1). Arrays are aligned and owned by
 * this object.
 *
 * <p>Nodes are in breadth-first order: every node of hop h comes before every node of hop h+1, so the nodes
 * within {@code d} hops of their seeds are a prefix, {@code 0 .. withinHops(d)-1}. A GNN with L layers needs
 * layer i's output only for nodes within L-1-i hops, which is what lets it trim each layer to a prefix.
 *
 * @param globalIds    local id -> row number in the node type's table
 * @param relativeTime seed time minus node time, in ms (never negative); 0 for every node of a static type
 * @param seedIndex    local id -> index of the seed whose subgraph the node belongs to
 * @param hop          local id -> hops from its seed (0 for the seeds themselves); never decreasing
 * @param timed        false for a static table; then relativeTime carries no information
 * @param hopEnds      hopEnds[d] = number of nodes within d hops (hop <= d), for d = 0 .. sampled hops
 */
public record SampledNodes(int[] globalIds, long[] relativeTime, int[] seedIndex, int[] hop, boolean timed,
                           int[] hopEnds) {
    public SampledNodes {
        int prev = 0;
        for (int end : hopEnds) {
            if (end < prev || end > globalIds.length) {
                throw new IllegalArgumentException("hop ends must be non-decreasing and at most " + globalIds.length
                        + ": " + java.util.Arrays.toString(hopEnds));
            }
            prev = end;
        }
    }

    public int size() {
        return globalIds.length;
    }

    /** How many nodes are within {@code hops} hops of their seeds: a prefix of the local ids. */
    public int withinHops(int hops) {
        if (hops < 0) {
            return 0;
        }
        return hops < hopEnds.length ? hopEnds[hops] : globalIds.length;
    }
}
