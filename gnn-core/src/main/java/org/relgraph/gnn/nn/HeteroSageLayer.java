package org.relgraph.gnn.nn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One round of heterogeneous GraphSAGE message passing. For every node type t:
 *
 * <pre>
 *   z_t  = W_root,t · h_t + Σ_{edge types e into t} W_e · AGG_e(h_src(e))
 *   h'_t = dropout(act(LayerNorm(z_t))) (+ h_t when residual and inDim == outDim)
 * </pre>
 *
 * Each node type and each edge type has its own weights. Aggregating before the W_e product keeps
 * the matmul at [numDst, in]·[in, out] instead of [numEdges, in]·[in, out]. Node types that no edge
 * type reaches still get the root transform.
 */
public final class HeteroSageLayer extends Module {
    /**
     * @param dropout probability for the output dropout, 0 disables
     */
    public record Config(int inDim, int outDim, Aggregation aggregation, Activation activation,
                         boolean layerNorm, boolean residual, double dropout) {
        public Config {
            Objects.requireNonNull(aggregation, "aggregation");
            Objects.requireNonNull(activation, "activation");
            if (inDim <= 0 || outDim <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + inDim + " -> " + outDim);
            }
        }

        /** Mean aggregation, ReLU, LayerNorm, residual when shapes allow, no dropout. */
        public static Config of(int inDim, int outDim) {
            return new Config(inDim, outDim, Aggregation.MEAN, Activation.RELU, true, true, 0.0);
        }

        public Config withAggregation(Aggregation a) {
            return new Config(inDim, outDim, a, activation, layerNorm, residual, dropout);
        }

        public Config withActivation(Activation a) {
            return new Config(inDim, outDim, aggregation, a, layerNorm, residual, dropout);
        }

        public Config withLayerNorm(boolean on) {
            return new Config(inDim, outDim, aggregation, activation, on, residual, dropout);
        }

        public Config withResidual(boolean on) {
            return new Config(inDim, outDim, aggregation, activation, layerNorm, on, dropout);
        }

        public Config withDropout(double p) {
            return new Config(inDim, outDim, aggregation, activation, layerNorm, residual, p);
        }
    }

    private final Config config;
    private final boolean residual;
    private final Map<String, NodeUpdate> nodeUpdates = new LinkedHashMap<>();
    private final Map<EdgeKey, RelationMessage> relations = new LinkedHashMap<>();
    private Map<String, INDArray> lastInput;
    private Set<String> lastOutputTypes;

    public HeteroSageLayer(String name, List<String> nodeTypes, List<EdgeKey> edgeTypes, Config config,
                           DataType dtype, SplittableRandom rng) {
        this.config = config;
        this.residual = config.residual() && config.inDim() == config.outDim();
        for (String t : nodeTypes) {
            nodeUpdates.put(t, addChild(new NodeUpdate(name + "." + t, config, dtype, rng)));
        }
        for (EdgeKey e : edgeTypes) {
            if (!nodeUpdates.containsKey(e.srcType()) || !nodeUpdates.containsKey(e.dstType())) {
                throw new IllegalArgumentException("edge type " + e + " refers to a node type not in " + nodeTypes);
            }
            relations.put(e, addChild(new RelationMessage(name + "." + e.id(), config, dtype, rng)));
        }
    }

    public Config config() {
        return config;
    }

    /**
     * @param x     per node type, [n_t, inDim]
     * @param edges per edge type present in the batch; missing edge types carry no messages
     * @return per node type, [n_t, outDim]
     */
    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<EdgeKey, EdgeIndex> edges) {
        return forward(x, edges, nodeUpdates.keySet());
    }

    /**
     * Computes only the node types in {@code outputTypes}, e.g. just the seed type in the last layer
     * of node-level training. {@code x} needs those types and the sources of edge types into them.
     */
    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<EdgeKey, EdgeIndex> edges,
                                         Set<String> outputTypes) {
        return forward(x, edges, outputTypes, null, 0);
    }

    /**
     * Computes, of the node types in {@code outputTypes}, only the nodes within {@code keepHops} hops of their
     * seeds, from only the edges into them: per node type a row prefix of {@code x}, per edge type an edge prefix
     * (see {@link HopPrefixes}). Those rows come out exactly as in the untrimmed forward; node types with no row
     * left are left out of the result. With {@code prefixes} null nothing is trimmed.
     */
    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<EdgeKey, EdgeIndex> edges,
                                         Set<String> outputTypes, HopPrefixes prefixes, int keepHops) {
        for (EdgeKey e : edges.keySet()) {
            if (!relations.containsKey(e)) {
                throw new IllegalArgumentException("edge type " + e + " is not known to this layer");
            }
        }
        Map<String, INDArray> z = new LinkedHashMap<>();
        Map<String, INDArray> rootIn = new LinkedHashMap<>();
        for (Map.Entry<String, NodeUpdate> entry : nodeUpdates.entrySet()) {
            if (!outputTypes.contains(entry.getKey())) {
                continue;
            }
            INDArray h = x.get(entry.getKey());
            if (h == null && prefixes != null && prefixes.nodesWithin(entry.getKey(), keepHops, Integer.MAX_VALUE) == 0) {
                continue; // trimmed away by an earlier layer, and nothing of it is needed here either
            }
            if (h == null) {
                throw new IllegalArgumentException("no features for node type " + entry.getKey());
            }
            int available = (int) h.size(0);
            int rows = prefixes == null ? available : prefixes.nodesWithin(entry.getKey(), keepHops, available);
            if (rows == 0) {
                continue;
            }
            INDArray in = rows == available ? h : h.get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()).dup('c');
            rootIn.put(entry.getKey(), in);
            z.put(entry.getKey(), entry.getValue().root.forward(in));
        }
        for (Map.Entry<EdgeKey, RelationMessage> entry : relations.entrySet()) {
            EdgeKey e = entry.getKey();
            EdgeIndex idx = edges.get(e);
            RelationMessage rel = entry.getValue();
            INDArray dstZ = z.get(e.dstType());
            rel.active = idx != null && dstZ != null;
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
            dstZ.addi(rel.forward(hSrc, idx, (int) dstZ.size(0)));
        }
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> entry : z.entrySet()) {
            INDArray y = nodeUpdates.get(entry.getKey()).post(entry.getValue());
            out.put(entry.getKey(), residual ? y.addi(rootIn.get(entry.getKey())) : y);
        }
        lastInput = x;
        lastOutputTypes = Set.copyOf(z.keySet());
        return out;
    }

    /**
     * @param gradOut per node type, dLoss/dOutput (as many rows as the forward produced); node types absent from
     *                the map are treated as zero
     * @return per node type of the forward input, dLoss/dInput ([n_t, inDim], zeros where nothing flowed back)
     */
    public Map<String, INDArray> backward(Map<String, INDArray> gradOut) {
        if (lastInput == null) {
            throw backwardBeforeForward(this);
        }
        // Every contribution below is a freshly allocated array, so the first one is kept as the
        // accumulator instead of adding it into a zero-filled array (saves a pass per node type).
        Map<String, INDArray> gradIn = new LinkedHashMap<>();
        Map<String, INDArray> gradZ = new LinkedHashMap<>();
        for (String t : lastOutputTypes) {
            INDArray g = gradOut.get(t);
            if (g == null) {
                continue;
            }
            NodeUpdate update = nodeUpdates.get(t);
            INDArray gz = update.postBackward(g);
            gradZ.put(t, gz);
            INDArray gx = update.root.backward(gz);
            if (residual) {
                gx.addi(g);
            }
            long inputRows = lastInput.get(t).size(0);
            if (gx.size(0) < inputRows) {
                // Trimmed forward: rows past the prefix got no root gradient.
                INDArray padded = Nd4j.zeros(gx.dataType(), inputRows, gx.size(1));
                padded.get(NDArrayIndex.interval(0, gx.size(0)), NDArrayIndex.all()).assign(gx);
                gx = padded;
            }
            gradIn.put(t, gx);
        }
        for (Map.Entry<EdgeKey, RelationMessage> entry : relations.entrySet()) {
            EdgeKey e = entry.getKey();
            INDArray gz = gradZ.get(e.dstType());
            if (!entry.getValue().active || gz == null) {
                continue;
            }
            gradIn.merge(e.srcType(), entry.getValue().backward(gz), INDArray::addi);
        }
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> entry : lastInput.entrySet()) {
            INDArray g = gradIn.get(entry.getKey());
            ordered.put(entry.getKey(), g != null ? g : entry.getValue().ulike().assign(0));
        }
        return ordered;
    }

    /** Node types whose inputs this layer reads to produce {@code outputTypes}: themselves and their message sources. */
    Set<String> inputTypesFor(Set<String> outputTypes, Set<EdgeKey> presentEdges) {
        Set<String> needed = new java.util.LinkedHashSet<>(outputTypes);
        for (EdgeKey e : relations.keySet()) {
            if (presentEdges.contains(e) && outputTypes.contains(e.dstType())) {
                needed.add(e.srcType());
            }
        }
        return needed;
    }

    /** Root transform and the normalise/activate/dropout tail of one node type. */
    private static final class NodeUpdate extends Module {
        final Linear root;
        final Layer norm;
        final Layer activation;
        final Dropout dropout;

        NodeUpdate(String name, Config c, DataType dtype, SplittableRandom rng) {
            root = addChild(new Linear(name + ".root", c.inDim(), c.outDim(), true, dtype, rng));
            // LayerNorm then ReLU, the default, runs as one fused row pass (same parameters and names).
            boolean fuse = c.layerNorm() && c.activation() == Activation.RELU;
            norm = addChild(!c.layerNorm() ? new Identity()
                    : fuse ? LayerNorm.thenRelu(name + ".norm", c.outDim(), dtype)
                    : new LayerNorm(name + ".norm", c.outDim(), dtype));
            activation = addChild(fuse ? new Identity() : c.activation().newLayer());
            dropout = addChild(new Dropout(c.dropout(), rng.nextLong()));
        }

        INDArray post(INDArray z) {
            return dropout.forward(activation.forward(norm.forward(z)));
        }

        INDArray postBackward(INDArray g) {
            return norm.backward(activation.backward(dropout.backward(g)));
        }
    }

    /**
     * After {@link #backward} of a forward with weighted edges: per edge type that carried messages, dLoss/dWeight
     * per edge (edge types without weights, or inactive in the last forward, are left out).
     */
    public Map<EdgeKey, double[]> edgeWeightGradients() {
        Map<EdgeKey, double[]> out = new LinkedHashMap<>();
        for (Map.Entry<EdgeKey, RelationMessage> entry : relations.entrySet()) {
            RelationMessage rel = entry.getValue();
            double[] g = rel.active ? rel.aggregate.weightGradient() : null;
            if (g != null) {
                // A trimmed forward used an edge prefix; the edges past it carried no message that was read.
                g = g.length < rel.totalEdges ? Arrays.copyOf(g, rel.totalEdges) : g;
                out.put(entry.getKey(), g);
            }
        }
        return out;
    }

    /**
     * W_e · AGG_e(h_src) for one edge type. Aggregation is linear, so AGG(h)·W = AGG(h·W): the
     * matmul runs on whichever side has fewer rows (e.g. 512 customers rather than the 10240 child
     * rows they fan out to).
     */
    private static final class RelationMessage extends Module {
        final NeighborAggregate aggregate;
        final Linear weight;
        boolean active;
        int totalEdges;
        boolean transformFirst;

        RelationMessage(String name, Config c, DataType dtype, SplittableRandom rng) {
            aggregate = addChild(new NeighborAggregate(c.aggregation()));
            weight = addChild(new Linear(name + ".message", c.inDim(), c.outDim(), false, dtype, rng));
        }

        INDArray forward(INDArray xSrc, EdgeIndex idx, int numDst) {
            transformFirst = xSrc.size(0) < numDst;
            if (transformFirst) {
                return aggregate.forward(weight.forward(xSrc), idx.src(), idx.dst(), numDst, idx.weights());
            }
            return weight.forward(aggregate.forward(xSrc, idx.src(), idx.dst(), numDst, idx.weights()));
        }

        INDArray backward(INDArray gradZ) {
            if (transformFirst) {
                return weight.backward(aggregate.backward(gradZ));
            }
            return aggregate.backward(weight.backward(gradZ));
        }
    }
}
