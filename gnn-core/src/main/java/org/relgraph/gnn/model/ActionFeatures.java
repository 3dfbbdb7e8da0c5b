package org.relgraph.gnn.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per (seed, candidate action) features read off a sampled batch, e.g. how often the seed's own sampled history
 * rows took that action and how they ended. Computed by the {@link BatchAssembler} (on its thread) from the sampled
 * rows only, so they see exactly what the GNN sees: nothing after the seed's input time.
 */
public interface ActionFeatures {
    /** Features per (seed, action). */
    int width();

    /** @return [seedCount·actions, width], row {@code seed·actions + action} */
    INDArray compute(SampledBatch batch);
}
