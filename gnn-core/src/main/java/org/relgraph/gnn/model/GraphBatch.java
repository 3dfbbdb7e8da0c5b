package org.relgraph.gnn.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;

/**
 * One mini-batch ready for {@link HeteroGnn#forward}: the seeds are the first {@code seedCount} nodes of
 * {@code seedType}. Node types and edge types with nothing sampled are left out, so no layer sees an empty array.
 *
 * @param actionFeatures next best action with {@link ActionScorerKind#MLP_HISTORY}: per (seed, action), features of
 *                       the seed's sampled history with that action ({@link ActionFeatures}), [seedCount·actions,
 *                       width] with row {@code seed·actions + action}; null otherwise
 */
public record GraphBatch(String seedType, int seedCount, Map<String, NodeInputs> nodes,
                         Map<EdgeKey, EdgeIndex> edges, INDArray actionFeatures) {
    public GraphBatch {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = Collections.unmodifiableMap(new LinkedHashMap<>(edges));
    }

    public GraphBatch(String seedType, int seedCount, Map<String, NodeInputs> nodes, Map<EdgeKey, EdgeIndex> edges) {
        this(seedType, seedCount, nodes, edges, null);
    }
}
