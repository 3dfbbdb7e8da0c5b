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
