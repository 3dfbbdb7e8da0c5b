package org.relgraph.sampling;

import java.util.Arrays;

/** Growable (src, dst) local-id pairs of one message edge type; cleared and reused from batch to batch. */
final class EdgeBlockBuilder {
    private int[] src = new int[64];
    private int[] dst = new int[64];
    private int size;
    private int[] dstHopEnds = new int[0];

    void clear() {
        size = 0;
    }

    /** Marks every edge added so far as leading into a node within {@code hopNumber} hops. */
    void endHop(int hopNumber, int hops) {
        if (dstHopEnds.length != hops) {
            dstHopEnds = new int[hops];
        }
        dstHopEnds[hopNumber] = size;
    }

    void add(int srcLocal, int dstLocal) {
        if (size == src.length) {
            src = Arrays.copyOf(src, size * 2);
            dst = Arrays.copyOf(dst, size * 2);
        }
        src[size] = srcLocal;
        dst[size] = dstLocal;
        size++;
    }

    SampledEdges build() {
        return new SampledEdges(Arrays.copyOf(src, size), Arrays.copyOf(dst, size), dstHopEnds.clone());
    }
}
