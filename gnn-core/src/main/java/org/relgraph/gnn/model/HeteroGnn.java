package org.relgraph.gnn.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.relgraph.gnn.encode.CategoricalFeature;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.FeatureLayout;
import org.relgraph.gnn.encode.RelativeTimeEncoding;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.HeteroLayer;
import org.relgraph.gnn.nn.HeteroStack;
import org.relgraph.gnn.nn.HopPrefixes;
import org.relgraph.gnn.nn.Linear;
import org.relgraph.gnn.nn.Module;
import org.relgraph.query.LabelHistory;

/**
 * Heterogeneous temporal GNN for node-level prediction: per node type an {@link InputEncoder}, then
 * {@code layers} rounds of {@link HeteroStack} message passing with the convolution of {@link GnnConfig#conv()},
 * computing only what the seed type's output needs, then a linear head on the seeds' hidden rows.
 *
 * <p>Weights are initialised from {@link GnnConfig#seed()} alone, and parameter names are built from table and
 * edge names, so a bundle's weights load back by name into a model built the same way.
 */
public final class HeteroGnn extends Module implements DifferentiableGnn {
    private static final DataType DTYPE = DataType.FLOAT;

    private final String seedType;
    private final Map<String, InputEncoder> encoders = new LinkedHashMap<>();
    private final HeteroStack stack;
    private final Linear head;
    /** Whether the convolution reads relative times; SAGE does not, and is then given none. */
    private final boolean readsTime;
    /** Per node type, the feature column holding log1p(age in days), the first relative-time feature. */
    private final Map<String, Integer> timeColumns = new LinkedHashMap<>();
    private Map<String, double[]> lastTimes;
    private int lastSeedCount = -1;
    private long lastSeedTypeRows;

    /**
     * @param nodeTypes every table of the graph
     * @param edgeTypes every edge type of the graph, as messages flow
     * @param outputs   width of the head, see {@link PredictionHead#outputs()}
     */
    public HeteroGnn(GnnConfig config, List<String> nodeTypes, List<EdgeKey> edgeTypes, DatabaseEncoding encoding,
                     String seedType, int outputs) {
        if (!nodeTypes.contains(seedType)) {
            throw new IllegalArgumentException("seed type '" + seedType + "' is not among " + nodeTypes);
        }
        this.seedType = seedType;
        SplittableRandom rng = new SplittableRandom(config.seed());
        for (String type : nodeTypes) {
            FeatureLayout layout = encoding.table(type).layout();
            int[] vocab = layout.categorical().stream().mapToInt(CategoricalFeature::vocabularySize).toArray();
            int history = config.readsLabelHistory() && type.equals(seedType) ? LabelHistory.WIDTH : 0;
            int width = layout.numericWidth() + encoding.childActivityWidth(type) + history
                    + RelativeTimeEncoding.WIDTH;
            encoders.put(type, addChild(new InputEncoder("input." + type, width, vocab, config.hidden(), DTYPE, rng)));
            timeColumns.put(type, width - RelativeTimeEncoding.WIDTH);
        }
        List<HeteroLayer.Config> layerConfigs = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            layerConfigs.add(HeteroLayer.Config.of(config.hidden(), config.hidden())
                    .withAggregation(config.aggregation()).withActivation(config.activation())
                    .withDropout(config.dropout()).withConv(config.conv()));
        }
        readsTime = config.conv().readsTime();
        stack = addChild(new HeteroStack("gnn", nodeTypes, edgeTypes, layerConfigs, DTYPE, rng));
        head = addChild(new Linear("head", config.hidden(), outputs, true, DTYPE, rng));
    }

    @Override
    public String seedType() {
        return seedType;
    }

    /** @return [seedCount, outputs] raw outputs (logits / standardised values) for the batch's seeds */
    public INDArray forward(GraphBatch batch) {
        return head.forward(seedHidden(batch));
    }

    /**
     * The seeds' final hidden rows, which the head reads: [seedCount, hidden], the entity's learned embedding
     * ({@code xgb-gnn-embeddings} appends it to flat XGBoost's features). Same forward pass as {@link #forward}.
     */
    public INDArray seedHidden(GraphBatch batch) {
        checkSeedType(batch.seedType());
        Map<String, INDArray> x = new LinkedHashMap<>();
        Map<String, double[]> times = readsTime ? new LinkedHashMap<>() : null;
        for (Map.Entry<String, NodeInputs> entry : batch.nodes().entrySet()) {
            x.put(entry.getKey(), encoder(entry.getKey()).forward(entry.getValue()));
            if (readsTime) {
                times.put(entry.getKey(), entry.getValue().featureColumn(timeColumns.get(entry.getKey())));
            }
        }
        return hiddenEncoded(batch.seedCount(), x, times, batch.edges(), batch.hopPrefixes());
    }

    /**
     * The same as {@link #forward(GraphBatch)} with each node type's inputs given in embedded form, so that they
     * can be interpolated and {@link #inputGradients differentiated}; the seeds are the first {@code seedCount}
     * nodes of the seed type.
     */
    public INDArray forward(int seedCount, Map<String, EmbeddedInputs> inputs, Map<EdgeKey, EdgeIndex> edges) {
        Map<String, INDArray> x = new LinkedHashMap<>();
        Map<String, double[]> times = readsTime ? new LinkedHashMap<>() : null;
        for (Map.Entry<String, EmbeddedInputs> entry : inputs.entrySet()) {
            x.put(entry.getKey(), encoder(entry.getKey()).forward(entry.getValue()));
            if (readsTime) {
                // Read from the (possibly interpolated) features, so the time's effect on attention is attributed too.
                times.put(entry.getKey(), ageColumn(entry.getKey(), entry.getValue().features())
                        .castTo(DataType.DOUBLE).toDoubleVector());
            }
        }
        // Explanations build their own subgraph unions, whose row order is not breadth-first: no hop trimming.
        return forwardEncoded(seedCount, x, times, edges, null);
    }

    /** A view of the age column of {@code type}'s feature rows (or of their gradient). */
    private INDArray ageColumn(String type, INDArray features) {
        return features.get(NDArrayIndex.all(), NDArrayIndex.point(timeColumns.get(type)));
    }

    /** The encoder of node type {@code type}, e.g. to look up the embeddings of its category codes. */
    public InputEncoder inputEncoder(String type) {
        return encoder(type);
    }

    private InputEncoder encoder(String type) {
        InputEncoder encoder = encoders.get(type);
        if (encoder == null) {
            throw new IllegalArgumentException("the model has no node type '" + type + "'");
        }
        return encoder;
    }

    private void checkSeedType(String batchSeedType) {
        if (!batchSeedType.equals(seedType)) {
            throw new IllegalArgumentException("model predicts for '" + seedType + "' but the batch seeds are '"
                    + batchSeedType + "'");
        }
    }

    private INDArray forwardEncoded(int seedCount, Map<String, INDArray> x, Map<String, double[]> times,
                                    Map<EdgeKey, EdgeIndex> edges, HopPrefixes prefixes) {
        return head.forward(hiddenEncoded(seedCount, x, times, edges, prefixes));
    }

    private INDArray hiddenEncoded(int seedCount, Map<String, INDArray> x, Map<String, double[]> times,
                                   Map<EdgeKey, EdgeIndex> edges, HopPrefixes prefixes) {
        if (!x.containsKey(seedType)) {
            throw new IllegalArgumentException("the batch has no '" + seedType + "' nodes to predict for");
        }
        INDArray h = stack.forward(x, times, edges, Set.of(seedType), prefixes).get(seedType);
        lastTimes = times;
        lastSeedCount = seedCount;
        lastSeedTypeRows = h.size(0);
        // Seed-type rows past seedCount are neighbours reached again at a later hop; only seeds are predicted.
        return h.get(NDArrayIndex.interval(0, seedCount), NDArrayIndex.all()).dup();
    }

    /** Backpropagates dLoss/dOutput of the last {@link #forward} into every parameter's gradient. */
    public void backward(INDArray gradOutput) {
        for (Map.Entry<String, INDArray> entry : backwardToEncoders(gradOutput).entrySet()) {
            encoders.get(entry.getKey()).backward(entry.getValue());
        }
    }

    /**
     * Backpropagates {@code gradOutput} of the last {@link #forward} to its inputs: per node type, the gradient
     * with respect to the feature matrix and to each node's summed categorical embedding. Node types and nodes the
     * seeds' outputs do not depend on get exact zeros. Parameter gradients are accumulated as by {@link #backward}.
     */
    public Map<String, EmbeddedInputs> inputGradients(INDArray gradOutput) {
        Map<String, EmbeddedInputs> out = new LinkedHashMap<>();
        for (Map.Entry<String, INDArray> entry : backwardToEncoders(gradOutput).entrySet()) {
            out.put(entry.getKey(), encoders.get(entry.getKey()).backwardToInputs(entry.getValue()));
        }
        if (lastTimes != null) {
            // The relative time reached the output through the attention scores as well as through the encoder.
            for (Map.Entry<String, double[]> entry : stack.timeGradients().entrySet()) {
                INDArray column = ageColumn(entry.getKey(), out.get(entry.getKey()).features());
                column.addi(Nd4j.createFromArray(entry.getValue()).castTo(column.dataType()));
            }
        }
        return out;
    }

    /**
     * After {@link #inputGradients} or {@link #backward} of a forward whose edges carried
     * {@link EdgeIndex#weights() weights}: dOutput/dWeight per edge, per edge type, summed over layers.
     */
    public Map<EdgeKey, double[]> edgeWeightGradients() {
        return stack.edgeWeightGradients();
    }

    private Map<String, INDArray> backwardToEncoders(INDArray gradOutput) {
        if (lastSeedCount < 0) {
            throw backwardBeforeForward(this);
        }
        INDArray gradSeeds = head.backward(gradOutput);
        INDArray gradH = Nd4j.zeros(gradSeeds.dataType(), lastSeedTypeRows, gradSeeds.size(1));
        gradH.get(NDArrayIndex.interval(0, lastSeedCount), NDArrayIndex.all()).assign(gradSeeds);
        return stack.backward(Map.of(seedType, gradH));
    }
}
