package org.relgraph.gnn.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.HopPrefixes;

/**
 * One mini-batch ready for {@link HeteroGnn#forward}: the seeds are the first {@code seedCount} nodes of
 * {@code seedType}. Node types and edge types with nothing sampled are left out, so no layer sees an empty array.
 *
 * @param hopPrefixes    where each hop ends in the breadth-first node and edge order, which lets the model trim
 *                       each layer to the nodes it needs; null when unknown (e.g. a hand-built batch), then nothing
 *                       is trimmed by hop
 * @param actionFeatures next best action with {@link ActionScorerKind#MLP_HISTORY}: per (seed, action), features of
 *                       the seed's sampled history with that action ({@link ActionFeatures}), [seedCount·actions,
 *                       width] with row {@code seed·actions + action}; null otherwise
 */
public record GraphBatch(String seedType, int seedCount, Map<String, NodeInputs> nodes,
                         Map<EdgeKey, EdgeIndex> edges, HopPrefixes hopPrefixes, INDArray actionFeatures) {
    public GraphBatch {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = Collections.unmodifiableMap(new LinkedHashMap<>(edges));
    }

    /** A batch without hop prefixes or action features: every layer computes every node of the types it needs. */
    public GraphBatch(String seedType, int seedCount, Map<String, NodeInputs> nodes, Map<EdgeKey, EdgeIndex> edges) {
        this(seedType, seedCount, nodes, edges, null, null);
    }
}
