package org.relgraph.gnn.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a batch's breadth-first order puts each hop: per node type, {@code nodeHopEnds[d]} is the number of nodes
 * within d hops of their seeds, and per edge type, {@code edgeDstHopEnds[d]} the number of edges into such nodes.
 * Both are prefixes because the sampler appends nodes and edges hop by hop.
 *
 * <p>With L layers only nodes within L-1-i hops need layer i's output, and only edges into them carry messages
 * that are read; {@link HeteroStack} uses this to trim every layer to those prefixes (PyG's
 * {@code trim_to_layer}), which gives the seeds exactly the outputs of the untrimmed forward. Indices past the
 * arrays' ends mean "everything".
 */
public record HopPrefixes(Map<String, int[]> nodeHopEnds, Map<EdgeKey, int[]> edgeDstHopEnds) {
    public HopPrefixes {
        nodeHopEnds = Collections.unmodifiableMap(new LinkedHashMap<>(nodeHopEnds));
        edgeDstHopEnds = Collections.unmodifiableMap(new LinkedHashMap<>(edgeDstHopEnds));
    }

    /**
     * @param available the node type's rows in the batch
     * @return how many of them are within {@code hops} hops of their seeds
     */
    public int nodesWithin(String type, int hops, int available) {
        return within(nodeHopEnds.get(type), "node type '" + type + "'", hops, available);
    }

    /** @return how many of the edge type's {@code available} edges lead into nodes within {@code hops} hops */
    public int edgesWithin(EdgeKey type, int hops, int available) {
        return within(edgeDstHopEnds.get(type), "edge type " + type, hops, available);
    }

    private static int within(int[] ends, String what, int hops, int available) {
        if (ends == null) {
            throw new IllegalArgumentException("no hop prefixes for " + what);
        }
        if (hops < 0) {
            return 0;
        }
        int n = hops < ends.length ? ends[hops] : available;
        if (n > available) {
            throw new IllegalArgumentException(what + " has " + available + " rows but " + n + " within " + hops
                    + " hops: the hop prefixes do not belong to this batch");
        }
        return n;
    }
}
