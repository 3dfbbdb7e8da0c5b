package org.relgraph.sampling;

/**
 * Sampled edges of one message edge type {@code src -[rel]-> dst}: message i flows from local node
 * {@code srcLocal[i]} of {@code src} (the sampled neighbour) to local node {@code dstLocal[i]} of {@code dst}
 * (the node that sampled it, one hop closer to the seed).
 *
 * <p>Edges are in breadth-first order of their destination's hop, so the edges into nodes within {@code d} hops
 * are a prefix, {@code 0 .. dstWithinHops(d)-1}; their sources are within d+1 hops.
 *
 * @param dstHopEnds dstHopEnds[d] = number of edges whose destination is within d hops, for d = 0 .. sampled
 *                   hops - 1
 */
public record SampledEdges(int[] srcLocal, int[] dstLocal, int[] dstHopEnds) {
    public SampledEdges {
        if (srcLocal.length != dstLocal.length) {
            throw new IllegalArgumentException(srcLocal.length + " sources but " + dstLocal.length + " destinations");
        }
        int prev = 0;
        for (int end : dstHopEnds) {
            if (end < prev || end > srcLocal.length) {
                throw new IllegalArgumentException("hop ends must be non-decreasing and at most " + srcLocal.length
                        + ": " + java.util.Arrays.toString(dstHopEnds));
            }
            prev = end;
        }
    }

    public int size() {
        return srcLocal.length;
    }

    /** How many edges lead into nodes within {@code hops} hops of their seeds: a prefix of the edges. */
    public int dstWithinHops(int hops) {
        if (hops < 0) {
            return 0;
        }
        return hops < dstHopEnds.length ? dstHopEnds[hops] : srcLocal.length;
    }
}
