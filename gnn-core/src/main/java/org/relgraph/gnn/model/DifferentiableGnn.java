package org.relgraph.gnn.model;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;

/**
 * What {@link org.relgraph.gnn.explain.IntegratedGradients} needs of a model: a forward pass over inputs given in
 * embedded form and the gradient of its outputs back to those inputs (and to edge weights). {@link HeteroGnn}
 * (one output per task column) and {@link RankingGnn} (one logit per action) implement it.
 */
public interface DifferentiableGnn {
    /**
     * Called with the sampled batch of the seed being explained before the forward passes in embedded form, for
     * inputs that are held fixed along the path (e.g. a ranking model's per-action history features). No-op by
     * default.
     */
    default void condition(GraphBatch batch) {
    }

    /**
     * Features of the conditioned seed that feed output {@code outputIndex} alone besides the node inputs (a ranking
     * model's history with the explained action), to be integrated along the path from 0 (none) like the node
     * inputs; null when there are none (the default).
     */
    default double[] outputFeatures(int outputIndex) {
        return null;
    }

    /**
     * Until the next {@link #condition}: the following forward passes (over {@code alphas.length} copies of the
     * conditioned seed) scale copy k's {@link #outputFeatures} of {@code outputIndex} by {@code alphas[k]}.
     * Ignored by models without such features.
     */
    default void outputFeaturePath(int outputIndex, double[] alphas) {
    }

    /**
     * After {@link #inputGradients}: per copy, ∂output/∂{@link #outputFeatures} of the output set by
     * {@link #outputFeaturePath}; null when there are none.
     */
    default double[][] outputFeatureGradients() {
        return null;
    }

    /** The node type whose first {@code seedCount} nodes are the seeds predicted for. */
    String seedType();

    /** @return [seedCount, outputs] raw outputs for the seeds; see {@link HeteroGnn#forward(int, Map, Map)} */
    INDArray forward(int seedCount, Map<String, EmbeddedInputs> inputs, Map<EdgeKey, EdgeIndex> edges);

    /** See {@link HeteroGnn#inputGradients}: also accumulates parameter gradients, so zero them after. */
    Map<String, EmbeddedInputs> inputGradients(INDArray gradOutput);

    /** See {@link HeteroGnn#edgeWeightGradients}. */
    Map<EdgeKey, double[]> edgeWeightGradients();

    InputEncoder inputEncoder(String type);

    boolean isTraining();

    void eval();

    void train(boolean on);

    void zeroGrad();
}
