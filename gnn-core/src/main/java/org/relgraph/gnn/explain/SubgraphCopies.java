package org.relgraph.gnn.explain;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.NodeInputs;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;

/**
 * The disjoint union of {@code copies} copies of one seed's subgraph, as one batch: one forward and backward then
 * evaluates the model at every copy's inputs, since no message crosses between copies.
 *
 * <p>Row order: the model predicts for the first {@code seedCount} seed-type rows, so copy k's seed is seed-type
 * row k and the seed type's other nodes follow, copy by copy; every other type is simply copy-major.
 */
final class SubgraphCopies {
    private final String seedType;
    private final int copies;
    private final Map<String, Integer> sizes = new LinkedHashMap<>();
    private final Map<EdgeKey, EdgeIndex> edges = new LinkedHashMap<>();

    SubgraphCopies(GraphBatch single, int copies) {
        if (single.seedCount() != 1) {
            throw new IllegalArgumentException("expected the subgraph of one seed, got " + single.seedCount());
        }
        if (copies < 1) {
            throw new IllegalArgumentException("need at least one copy, got " + copies);
        }
        this.seedType = single.seedType();
        this.copies = copies;
        for (Map.Entry<String, NodeInputs> entry : single.nodes().entrySet()) {
            sizes.put(entry.getKey(), entry.getValue().size());
        }
        for (Map.Entry<EdgeKey, EdgeIndex> entry : single.edges().entrySet()) {
            EdgeKey key = entry.getKey();
            EdgeIndex one = entry.getValue();
            int m = one.numEdges();
            int[] src = new int[m * copies];
            int[] dst = new int[m * copies];
            for (int k = 0; k < copies; k++) {
                for (int e = 0; e < m; e++) {
                    src[k * m + e] = row(key.srcType(), k, one.src()[e]);
                    dst[k * m + e] = row(key.dstType(), k, one.dst()[e]);
                }
            }
            edges.put(key, new EdgeIndex(src, dst));
        }
    }

    int copies() {
        return copies;
    }

    /** Rows of {@code type} in the union. */
    int rows(String type) {
        return size(type) * copies;
    }

    /** Union row of copy {@code copy}'s local node {@code local} of {@code type}. */
    int row(String type, int copy, int local) {
        int n = size(type);
        if (!type.equals(seedType)) {
            return copy * n + local;
        }
        return local == 0 ? copy : copies + copy * (n - 1) + local - 1;
    }

    Map<EdgeKey, EdgeIndex> edges() {
        return Collections.unmodifiableMap(edges);
    }

    /** The union's edges with every edge of copy k weighted {@code weights[k]}. */
    Map<EdgeKey, EdgeIndex> weightedEdges(double[] weights) {
        if (weights.length != copies) {
            throw new IllegalArgumentException(weights.length + " weights for " + copies + " copies");
        }
        Map<EdgeKey, EdgeIndex> out = new LinkedHashMap<>();
        for (Map.Entry<EdgeKey, EdgeIndex> entry : edges.entrySet()) {
            EdgeIndex e = entry.getValue();
            int m = e.numEdges() / copies;
            double[] w = new double[e.numEdges()];
            for (int k = 0; k < copies; k++) {
                java.util.Arrays.fill(w, k * m, (k + 1) * m, weights[k]);
            }
            out.put(entry.getKey(), new EdgeIndex(e.src(), e.dst(), w));
        }
        return out;
    }

    private int size(String type) {
        Integer n = sizes.get(type);
        if (n == null) {
            throw new IllegalArgumentException("no node type '" + type + "' in the subgraph");
        }
        return n;
    }
}
