package org.relgraph.models.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.relgraph.metrics.PlattScaling;
import org.relgraph.models.gnn.Provenance;
import org.relgraph.models.gnn.SplitAnchors;
import org.relgraph.query.TaskType;

/**
 * A baseline bundle's {@code bundle.json}: the same facts a GNN bundle records (query, schema, split anchors,
 * metrics, provenance, calibration) plus {@code kind}, which is how {@link org.relgraph.models.ModelLoader} tells
 * the two apart.
 */
public record BaselineInfo(int formatVersion, String kind, String query, String schemaYaml, TaskType taskType,
                           Map<String, Double> metrics, Provenance provenance, SplitAnchors splits,
                           PlattScaling calibration) {
    public BaselineInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
}
