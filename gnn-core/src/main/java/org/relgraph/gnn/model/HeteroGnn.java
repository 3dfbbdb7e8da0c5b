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
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.HeteroSageLayer;
import org.relgraph.gnn.nn.HeteroSageStack;
import org.relgraph.gnn.nn.Linear;
import org.relgraph.gnn.nn.Module;

/**
 * Heterogeneous temporal GraphSAGE for node-level prediction: per node type an {@link InputEncoder}, then
 * {@code layers} rounds of {@link HeteroSageStack} message passing computing only what the seed type's output
 * needs, then a linear head on the seeds' hidden rows.
 *
 * <p>Weights are initialised from {@link GnnConfig#seed()} alone, and parameter names are built from table and
 * edge names, so a bundle's weights load back by name into a model built the same way.
 */
public final class HeteroGnn extends Module {
    private static final DataType DTYPE = DataType.FLOAT;

    private final String seedType;
    private final Map<String, InputEncoder> encoders = new LinkedHashMap<>();
    private final HeteroSageStack stack;
    private final Linear head;
    private GraphBatch lastBatch;
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
            encoders.put(type, addChild(new InputEncoder("input." + type,
                    layout.numericWidth() + RelativeTimeEncoding.WIDTH, vocab, config.hidden(), DTYPE, rng)));
        }
        List<HeteroSageLayer.Config> layerConfigs = new ArrayList<>();
        for (int i = 0; i < config.layers(); i++) {
            layerConfigs.add(HeteroSageLayer.Config.of(config.hidden(), config.hidden())
                    .withAggregation(config.aggregation()).withActivation(config.activation())
                    .withDropout(config.dropout()));
        }
        stack = addChild(new HeteroSageStack("gnn", nodeTypes, edgeTypes, layerConfigs, DTYPE, rng));
        head = addChild(new Linear("head", config.hidden(), outputs, true, DTYPE, rng));
    }

    public String seedType() {
        return seedType;
    }

    /** @return [seedCount, outputs] raw outputs (logits / standardised values) for the batch's seeds */
    public INDArray forward(GraphBatch batch) {
        if (!batch.seedType().equals(seedType)) {
            throw new IllegalArgumentException("model predicts for '" + seedType + "' but the batch seeds are '"
                    + batch.seedType() + "'");
        }
        Map<String, INDArray> x = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInputs> entry : batch.nodes().entrySet()) {
            InputEncoder encoder = encoders.get(entry.getKey());
            if (encoder == null) {
                throw new IllegalArgumentException("the model has no node type '" + entry.getKey() + "'");
            }
            x.put(entry.getKey(), encoder.forward(entry.getValue()));
        }
        INDArray h = stack.forward(x, batch.edges(), Set.of(seedType)).get(seedType);
        lastBatch = batch;
        lastSeedTypeRows = h.size(0);
        // Seed-type rows past seedCount are neighbours reached again at a later hop; only seeds are predicted.
        INDArray seeds = h.get(NDArrayIndex.interval(0, batch.seedCount()), NDArrayIndex.all());
        return head.forward(seeds.dup());
    }

    /** Backpropagates dLoss/dOutput of the last {@link #forward} into every parameter's gradient. */
    public void backward(INDArray gradOutput) {
        if (lastBatch == null) {
            throw backwardBeforeForward(this);
        }
        INDArray gradSeeds = head.backward(gradOutput);
        INDArray gradH = Nd4j.zeros(gradSeeds.dataType(), lastSeedTypeRows, gradSeeds.size(1));
        gradH.get(NDArrayIndex.interval(0, lastBatch.seedCount()), NDArrayIndex.all()).assign(gradSeeds);
        Map<String, INDArray> gradX = stack.backward(Map.of(seedType, gradH));
        for (Map.Entry<String, INDArray> entry : gradX.entrySet()) {
            encoders.get(entry.getKey()).backward(entry.getValue());
        }
    }
}
