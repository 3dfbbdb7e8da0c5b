package org.relgraph.gnn.nn;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * One round of heterogeneous message passing. For every node type t:
 *
 * <pre>
 *   z_t  = W_root,t · h_t + Σ_{edge types e into t} conv_e(h_src(e), h_t)
 *   h'_t = dropout(act(LayerNorm(z_t))) (+ h_t when residual and inDim == outDim)
 * </pre>
 *
 * The per-edge-type convolutions ({@link Config#conv()}: {@link SageConv}, {@link GatConv}) run inside a
 * {@link HeteroConv}; the root transform, norm, activation, dropout and residual of each node type are its
 * {@link NodeUpdate}. Each node type and each edge type has its own weights. Node types that no edge type reaches
 * still get the root transform.
 */
public final class HeteroLayer extends Module {
    /**
     * @param dropout probability for the output dropout, 0 disables
     * @param conv    the per-edge-type convolution
     */
    public record Config(int inDim, int outDim, Aggregation aggregation, Activation activation,
                         boolean layerNorm, boolean residual, double dropout, ConvKind conv) {
        public Config {
            Objects.requireNonNull(aggregation, "aggregation");
            Objects.requireNonNull(activation, "activation");
            Objects.requireNonNull(conv, "conv");
            if (inDim <= 0 || outDim <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + inDim + " -> " + outDim);
            }
        }

        /** SAGE with mean aggregation, ReLU, LayerNorm, residual when shapes allow, no dropout. */
        public static Config of(int inDim, int outDim) {
            return new Config(inDim, outDim, Aggregation.MEAN, Activation.RELU, true, true, 0.0, ConvKind.SAGE);
        }

        public Config withAggregation(Aggregation a) {
            return new Config(inDim, outDim, a, activation, layerNorm, residual, dropout, conv);
        }

        public Config withActivation(Activation a) {
            return new Config(inDim, outDim, aggregation, a, layerNorm, residual, dropout, conv);
        }

        public Config withLayerNorm(boolean on) {
            return new Config(inDim, outDim, aggregation, activation, on, residual, dropout, conv);
        }

        public Config withResidual(boolean on) {
            return new Config(inDim, outDim, aggregation, activation, layerNorm, on, dropout, conv);
        }

        public Config withDropout(double p) {
            return new Config(inDim, outDim, aggregation, activation, layerNorm, residual, p, conv);
        }

        public Config withConv(ConvKind kind) {
            return new Config(inDim, outDim, aggregation, activation, layerNorm, residual, dropout, kind);
        }
    }

    private final Config config;
    private final Map<String, NodeUpdate> nodeUpdates = new LinkedHashMap<>();
    private final HeteroConv relations;
    private Map<String, INDArray> lastInput;
    private Map<String, double[]> lastTimes;
    private Set<String> lastOutputTypes;
    private Map<String, double[]> timeGradients = Map.of();

    /**
     * Node updates are built (and registered) before the convolutions, each type's root weights then its dropout
     * seed, so that a SAGE layer draws its initial weights in the order of the layer before the split.
     */
    public HeteroLayer(String name, List<String> nodeTypes, List<EdgeKey> edgeTypes, Config config,
                       DataType dtype, SplittableRandom rng) {
        this.config = config;
        boolean residual = config.residual() && config.inDim() == config.outDim();
        for (String t : nodeTypes) {
            nodeUpdates.put(t, addChild(new NodeUpdate(name + "." + t, config.inDim(), config.outDim(),
                    config.layerNorm(), config.activation(), config.dropout(), residual, dtype, rng)));
        }
        Map<EdgeKey, RelationConv> convs = new LinkedHashMap<>();
        for (EdgeKey e : edgeTypes) {
            if (!nodeUpdates.containsKey(e.srcType()) || !nodeUpdates.containsKey(e.dstType())) {
                throw new IllegalArgumentException("edge type " + e + " refers to a node type not in " + nodeTypes);
            }
            convs.put(e, config.conv().create(name + "." + e.id(), config.inDim(), config.outDim(),
                    config.aggregation(), dtype, rng));
        }
        relations = addChild(new HeteroConv(convs));
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
        return forward(x, null, edges, outputTypes, null, 0);
    }

    /** As {@link #forward(Map, Map, Map, Set, HopPrefixes, int)} without relative times. */
    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<EdgeKey, EdgeIndex> edges,
                                         Set<String> outputTypes, HopPrefixes prefixes, int keepHops) {
        return forward(x, null, edges, outputTypes, prefixes, keepHops);
    }

    /**
     * Computes, of the node types in {@code outputTypes}, only the nodes within {@code keepHops} hops of their
     * seeds, from only the edges into them: per node type a row prefix of {@code x}, per edge type an edge prefix
     * (see {@link HopPrefixes}). Those rows come out exactly as in the untrimmed forward; node types with no row
     * left are left out of the result. With {@code prefixes} null nothing is trimmed.
     *
     * @param times per node type, each row's relative time for convolutions that read it, or null
     */
    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<String, double[]> times,
                                         Map<EdgeKey, EdgeIndex> edges, Set<String> outputTypes,
                                         HopPrefixes prefixes, int keepHops) {
        relations.checkKnown(edges.keySet());
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
            z.put(entry.getKey(), entry.getValue().root(in));
        }
        relations.forward(x, rootIn, times, edges, prefixes, keepHops, z);
        Map<String, INDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> entry : z.entrySet()) {
            out.put(entry.getKey(), nodeUpdates.get(entry.getKey()).finish(entry.getValue()));
        }
        lastInput = x;
        lastTimes = times;
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
        Map<String, Long> inputRows = new LinkedHashMap<>();
        lastInput.forEach((t, h) -> inputRows.put(t, h.size(0)));
        for (String t : lastOutputTypes) {
            INDArray g = gradOut.get(t);
            if (g == null) {
                continue;
            }
            NodeUpdate update = nodeUpdates.get(t);
            INDArray gz = update.finishBackward(g);
            gradZ.put(t, gz);
            // A trimmed forward: rows past the prefix got no root gradient.
            gradIn.put(t, HeteroConv.padRows(update.rootBackward(gz, g), inputRows.get(t)));
        }
        Map<String, double[]> gradTimes = new LinkedHashMap<>();
        relations.backward(gradZ, inputRows, gradIn, lastTimes, gradTimes);
        timeGradients = gradTimes;
        Map<String, INDArray> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> entry : lastInput.entrySet()) {
            INDArray g = gradIn.get(entry.getKey());
            ordered.put(entry.getKey(), g != null ? g : entry.getValue().ulike().assign(0));
        }
        return ordered;
    }

    /**
     * After {@link #backward} of a forward given times: per node type whose times a convolution read, dLoss/dTime
     * per row; empty when none did (e.g. SAGE).
     */
    public Map<String, double[]> timeGradients() {
        return timeGradients;
    }

    /** Node types whose inputs this layer reads to produce {@code outputTypes}: themselves and their message sources. */
    Set<String> inputTypesFor(Set<String> outputTypes, Set<EdgeKey> presentEdges) {
        Set<String> needed = new LinkedHashSet<>(outputTypes);
        needed.addAll(relations.sourcesInto(outputTypes, presentEdges));
        return needed;
    }

    /**
     * After {@link #backward} of a forward with weighted edges: per edge type that carried messages, dLoss/dWeight
     * per edge (edge types without weights, or inactive in the last forward, are left out).
     */
    public Map<EdgeKey, double[]> edgeWeightGradients() {
        return relations.edgeWeightGradients();
    }
}
