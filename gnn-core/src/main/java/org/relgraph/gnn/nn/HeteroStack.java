package org.relgraph.gnn.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Several {@link HeteroLayer}s applied in sequence over the same batch graph. */
public final class HeteroStack extends Module {
    private final List<HeteroLayer> layers = new ArrayList<>();

    public HeteroStack(String name, List<String> nodeTypes, List<EdgeKey> edgeTypes,
                       List<HeteroLayer.Config> layerConfigs, DataType dtype, SplittableRandom rng) {
        for (int i = 0; i < layerConfigs.size(); i++) {
            HeteroLayer.Config c = layerConfigs.get(i);
            if (i > 0 && c.inDim() != layerConfigs.get(i - 1).outDim()) {
                throw new IllegalArgumentException("layer " + i + " expects " + c.inDim()
                        + " features but layer " + (i - 1) + " produces " + layerConfigs.get(i - 1).outDim());
            }
            layers.add(addChild(new HeteroLayer(name + ".layer" + i, nodeTypes, edgeTypes, c, dtype, rng)));
        }
    }

    public List<HeteroLayer> layers() {
        return Collections.unmodifiableList(layers);
    }

    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<EdgeKey, EdgeIndex> edges) {
        Map<String, INDArray> h = x;
        for (HeteroLayer layer : layers) {
            h = layer.forward(h, edges);
        }
        return h;
    }

    /**
     * Computes only what {@code outputTypes} depend on: each layer produces just the node types the
     * next layer reads. With 2 layers and customer seeds, child-table outputs of the last layer
     * (most of the batch) are never computed.
     */
    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<EdgeKey, EdgeIndex> edges,
                                         Set<String> outputTypes) {
        return forward(x, edges, outputTypes, null);
    }

    /** As {@link #forward(Map, Map, Map, Set, HopPrefixes)} without relative times. */
    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<EdgeKey, EdgeIndex> edges,
                                         Set<String> outputTypes, HopPrefixes prefixes) {
        return forward(x, null, edges, outputTypes, prefixes);
    }

    /**
     * As {@link #forward(Map, Map, Set)}, and also trimmed by hop (PyG's {@code trim_to_layer}): with L layers,
     * layer i computes only the nodes within L-1-i hops of their seeds, from the edges into them, so the last
     * layer computes just the seeds and the first skips the outermost hop, which is most of the batch. The
     * seeds' outputs, and every gradient, equal the untrimmed ones. Other rows of the result are not computed:
     * per node type, only the rows within 0 hops (the seeds) are returned.
     *
     * @param times    per node type, every batch row's relative time, for convolutions that read it
     *                 ({@link ConvKind#readsTime()}); null for none
     * @param prefixes the batch's breadth-first hop prefixes, or null to trim by node type only
     */
    public Map<String, INDArray> forward(Map<String, INDArray> x, Map<String, double[]> times,
                                         Map<EdgeKey, EdgeIndex> edges, Set<String> outputTypes,
                                         HopPrefixes prefixes) {
        List<Set<String>> produce = new ArrayList<>(Collections.nCopies(layers.size(), Set.<String>of()));
        Set<String> needed = outputTypes;
        for (int i = layers.size() - 1; i >= 0; i--) {
            produce.set(i, needed);
            needed = layers.get(i).inputTypesFor(needed, edges.keySet());
        }
        Map<String, INDArray> h = x;
        for (int i = 0; i < layers.size(); i++) {
            h = layers.get(i).forward(h, times, edges, produce.get(i), prefixes, layers.size() - 1 - i);
        }
        return h;
    }

    public Map<String, INDArray> backward(Map<String, INDArray> gradOut) {
        Map<String, INDArray> g = gradOut;
        for (int i = layers.size() - 1; i >= 0; i--) {
            g = layers.get(i).backward(g);
        }
        return g;
    }

    /**
     * After {@link #backward} of a forward given times: per node type, dLoss/dTime per row, summed over the layers;
     * empty when no convolution reads times.
     */
    public Map<String, double[]> timeGradients() {
        return sumPerKey(layers.stream().map(HeteroLayer::timeGradients).toList());
    }

    /**
     * After {@link #backward}: dLoss/dWeight per edge, summed over the layers (an edge's weight scales its message
     * in every layer), per edge type.
     */
    public Map<EdgeKey, double[]> edgeWeightGradients() {
        return sumPerKey(layers.stream().map(HeteroLayer::edgeWeightGradients).toList());
    }

    private static <K> Map<K, double[]> sumPerKey(List<Map<K, double[]>> perLayer) {
        Map<K, double[]> out = new LinkedHashMap<>();
        for (Map<K, double[]> layer : perLayer) {
            for (Map.Entry<K, double[]> entry : layer.entrySet()) {
                out.merge(entry.getKey(), entry.getValue().clone(), (a, b) -> {
                    for (int i = 0; i < a.length; i++) {
                        a[i] += b[i];
                    }
                    return a;
                });
            }
        }
        return out;
    }
}
