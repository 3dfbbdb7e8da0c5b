package org.relgraph.gnn.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link GraphBatch} and, per node type, the table row each of its local nodes was sampled from: what an
 * explanation needs to name the rows behind its attributions.
 */
public record SampledBatch(GraphBatch batch, Map<String, int[]> globalRows) {
    public SampledBatch {
        globalRows = Collections.unmodifiableMap(new LinkedHashMap<>(globalRows));
        for (Map.Entry<String, NodeInputs> entry : batch.nodes().entrySet()) {
            int[] rows = globalRows.get(entry.getKey());
            if (rows == null || rows.length != entry.getValue().size()) {
                throw new IllegalArgumentException("node type '" + entry.getKey() + "' has "
                        + entry.getValue().size() + " nodes but " + (rows == null ? "no" : rows.length)
                        + " table rows");
            }
        }
    }
}
