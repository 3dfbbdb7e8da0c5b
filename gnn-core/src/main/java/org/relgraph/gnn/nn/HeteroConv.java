package org.relgraph.gnn.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * PyG's {@code HeteroConv}: one {@link RelationConv} per edge type, each applied to the edges of its type, their
 * outputs summed per destination node type. It also keeps hop trimming and edge weights working for every
 * convolution: a trimmed forward hands each relation only the edges into the destination rows being computed
 * ({@link HopPrefixes}), and edge-weight gradients come back padded to the edge type's full edge count.
 */
public final class HeteroConv extends Module {
    private final Map<EdgeKey, Relation> relations = new LinkedHashMap<>();

    private static final class Relation {
        final RelationConv conv;
        boolean active;
        int totalEdges;

        Relation(RelationConv conv) {
            this.conv = conv;
        }
    }

    /** @param convs per edge type, its convolution (registered as children in this order) */
    public HeteroConv(Map<EdgeKey, RelationConv> convs) {
        for (Map.Entry<EdgeKey, RelationConv> entry : convs.entrySet()) {
            relations.put(entry.getKey(), new Relation(addChild(entry.getValue())));
        }
    }

    /** @throws IllegalArgumentException when an edge type of the batch has no convolution here */
    public void checkKnown(Set<EdgeKey> edgeTypes) {
        for (EdgeKey e : edgeTypes) {
            if (!relations.containsKey(e)) {
                throw new IllegalArgumentException("edge type " + e + " is not known to this layer");
            }
        }
    }

    /**
     * Adds, for every edge type present in {@code edges} whose destination type is in {@code sums}, that relation's
     * output into {@code sums} of its destination type, in edge-type order.
     *
     * @param x        per node type, the layer's input rows (sources are read from here)
     * @param dst      per destination type being computed, its rows (a prefix of {@code x} when trimmed)
     * @param times    per node type, each row's relative time, or null (see {@link ConvKind#readsTime()})
     * @param prefixes hop prefixes to trim edges by, or null to keep all
     * @param keepHops the destinations being computed are those within this many hops of their seeds
     * @param sums     per destination type, [rows, out], the running sum added into (e.g. the root transform)
     */
    public void forward(Map<String, INDArray> x, Map<String, INDArray> dst, Map<String, double[]> times,
                        Map<EdgeKey, EdgeIndex> edges, HopPrefixes prefixes, int keepHops,
                        Map<String, INDArray> sums) {
        checkKnown(edges.keySet());
        for (Map.Entry<EdgeKey, Relation> entry : relations.entrySet()) {
            EdgeKey e = entry.getKey();
            EdgeIndex idx = edges.get(e);
            Relation rel = entry.getValue();
            INDArray sum = sums.get(e.dstType());
            rel.active = idx != null && sum != null;
            if (!rel.active) {
                continue;
            }
            int kept = prefixes == null ? idx.numEdges() : prefixes.edgesWithin(e, keepHops, idx.numEdges());
            rel.totalEdges = idx.numEdges();
            if (kept == 0) {
                rel.active = false;
                continue;
            }
            if (kept < idx.numEdges()) {
                idx = new EdgeIndex(Arrays.copyOf(idx.src(), kept), Arrays.copyOf(idx.dst(), kept),
                        idx.weights() == null ? null : Arrays.copyOf(idx.weights(), kept));
            }
            INDArray hSrc = x.get(e.srcType());
            if (hSrc == null) {
                throw new IllegalArgumentException("no features for node type " + e.srcType() + ", source of " + e);
            }
            double[] srcTime = times == null ? null : times.get(e.srcType());
            rel.conv.forwardAddInto(hSrc, dst.get(e.dstType()), srcTime, idx, sum);
        }
    }

    /**
     * Backpropagates each active relation of the last forward, in edge-type order, adding its input gradients into
     * {@code gradIn} (per node type, as many rows as {@code inputRows} says; a missing entry is taken over) and its
     * time gradients into {@code gradTimes} (per node type, sized like the forward's times).
     *
     * @param gradSums per destination type, dLoss/d{@code sums}; relations into types absent from it are skipped
     */
    public void backward(Map<String, INDArray> gradSums, Map<String, Long> inputRows, Map<String, INDArray> gradIn,
                         Map<String, double[]> times, Map<String, double[]> gradTimes) {
        for (Map.Entry<EdgeKey, Relation> entry : relations.entrySet()) {
            EdgeKey e = entry.getKey();
            INDArray gz = gradSums.get(e.dstType());
            if (!entry.getValue().active || gz == null) {
                continue;
            }
            INDArray srcSum = gradIn.get(e.srcType());
            RelationConv.Gradients g = srcSum == null ? entry.getValue().conv.backward(gz)
                    : entry.getValue().conv.backward(gz, srcSum);
            if (g.src() != srcSum) { // else the relation has already added its source gradient into the running sum
                gradIn.merge(e.srcType(), padRows(g.src(), inputRows.get(e.srcType())), INDArray::addi);
            }
            if (g.dst() != null) {
                gradIn.merge(e.dstType(), padRows(g.dst(), inputRows.get(e.dstType())), INDArray::addi);
            }
            if (g.srcTime() != null && times != null) {
                double[] acc = gradTimes.computeIfAbsent(e.srcType(), t -> new double[times.get(t).length]);
                for (int i = 0; i < g.srcTime().length; i++) {
                    acc[i] += g.srcTime()[i];
                }
            }
        }
    }

    /** Node types whose inputs the relations read to produce {@code outputTypes}: their message sources. */
    Set<String> sourcesInto(Set<String> outputTypes, Set<EdgeKey> presentEdges) {
        Set<String> sources = new LinkedHashSet<>();
        for (EdgeKey e : relations.keySet()) {
            if (presentEdges.contains(e) && outputTypes.contains(e.dstType())) {
                sources.add(e.srcType());
            }
        }
        return sources;
    }

    /**
     * After {@link #backward} of a forward with weighted edges: per edge type that carried messages, dLoss/dWeight
     * per edge (edge types without weights, or inactive in the last forward, are left out).
     */
    public Map<EdgeKey, double[]> edgeWeightGradients() {
        Map<EdgeKey, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<EdgeKey, Relation> entry : relations.entrySet()) {
            Relation rel = entry.getValue();
            double[] g = rel.active ? rel.conv.edgeWeightGradient() : null;
            if (g != null) {
                // A trimmed forward used an edge prefix; the edges past it carried no message that was read.
                g = g.length < rel.totalEdges ? Arrays.copyOf(g, rel.totalEdges) : g;
                out.put(entry.getKey(), g);
            }
        }
        return out;
    }

    /** {@code g} with zero rows appended up to {@code rows}: a trimmed forward read only a prefix of the input. */
    static INDArray padRows(INDArray g, long rows) {
        if (g.size(0) >= rows) {
            return g;
        }
        INDArray padded = Nd4j.zeros(g.dataType(), rows, g.size(1));
        padded.get(NDArrayIndex.interval(0, g.size(0)), NDArrayIndex.all()).assign(g);
        return padded;
    }
}
