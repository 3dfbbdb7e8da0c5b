package org.relgraph.sampling;

/**
 * Sampled edges of one message edge type {@code src -[rel]-> dst}: message i flows from local node
 * {@code srcLocal[i]} of {@code src} (the sampled neighbour) to local node {@code dstLocal[i]} of {@code dst}
 * (the node that sampled it, one hop closer to the seed).
 */
public record SampledEdges(int[] srcLocal, int[] dstLocal) {
    public int size() {
        return srcLocal.length;
    }
}
