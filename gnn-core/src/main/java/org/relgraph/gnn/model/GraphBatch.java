package org.relgraph.gnn.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;

/**
 * One mini-batch ready for {@link HeteroGnn#forward}: the seeds are the first {@code seedCount} nodes of
 * {@code seedType}. Node types and edge types with nothing sampled are left out, so no layer sees an empty array.
 */
public record GraphBatch(String seedType, int seedCount, Map<String, NodeInputs> nodes,
                         Map<EdgeKey, EdgeIndex> edges) {
    public GraphBatch {
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = Collections.unmodifiableMap(new LinkedHashMap<>(edges));
    }
}
