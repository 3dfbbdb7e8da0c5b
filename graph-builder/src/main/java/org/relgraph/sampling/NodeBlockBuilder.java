package org.relgraph.sampling;

import java.util.Arrays;

/** Growable columns of the sampled nodes of one type; cleared and reused from batch to batch. */
final class NodeBlockBuilder {
    int[] globalIds = new int[64];
    long[] relativeTime = new long[64];
    int[] seedIndex = new int[64];
    int[] hop = new int[64];
    int size;
    /** hopEnds[d]: size when hop d was complete. */
    int[] hopEnds = new int[0];

    void clear() {
        size = 0;
    }

    /** Marks every node added so far as within {@code hopNumber} hops. */
    void endHop(int hopNumber, int hops) {
        if (hopEnds.length != hops + 1) {
            hopEnds = new int[hops + 1];
        }
        hopEnds[hopNumber] = size;
    }

    /** Appends a node and returns its local id. */
    int add(int globalId, long relTime, int seed, int hopNumber) {
        if (size == globalIds.length) {
            int cap = size * 2;
            globalIds = Arrays.copyOf(globalIds, cap);
            relativeTime = Arrays.copyOf(relativeTime, cap);
            seedIndex = Arrays.copyOf(seedIndex, cap);
            hop = Arrays.copyOf(hop, cap);
        }
        globalIds[size] = globalId;
        relativeTime[size] = relTime;
        seedIndex[size] = seed;
        hop[size] = hopNumber;
        return size++;
    }

    SampledNodes build(boolean timed) {
        return new SampledNodes(Arrays.copyOf(globalIds, size), Arrays.copyOf(relativeTime, size),
                Arrays.copyOf(seedIndex, size), Arrays.copyOf(hop, size), timed,
                hopEnds.clone());
    }
}
