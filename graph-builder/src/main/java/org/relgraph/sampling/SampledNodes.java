package org.relgraph.sampling;

/**
 * The sampled nodes of one node type, indexed by local id (0 .. size-1). Arrays are aligned and owned by
 * this object.
 *
 * @param globalIds    local id -> row number in the node type's table
 * @param relativeTime seed time minus node time, in ms (never negative); 0 for every node of a static type
 * @param seedIndex    local id -> index of the seed whose subgraph the node belongs to
 * @param hop          local id -> hops from its seed (0 for the seeds themselves)
 * @param timed        false for a static table; then relativeTime carries no information
 */
public record SampledNodes(int[] globalIds, long[] relativeTime, int[] seedIndex, int[] hop, boolean timed) {
    public int size() {
        return globalIds.length;
    }
}
