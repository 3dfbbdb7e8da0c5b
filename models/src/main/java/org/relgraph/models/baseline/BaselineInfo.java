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
 *
 * @param excludedTables tables left out of the data the baseline was fitted on ({@code --exclude-tables}), which
 *                       scoring leaves out too; empty for none and for bundles written before the field existed
 */
public record BaselineInfo(int formatVersion, String kind, String query, String schemaYaml, TaskType taskType,
                           Map<String, Double> metrics, Provenance provenance, SplitAnchors splits,
                           PlattScaling calibration, java.util.List<String> excludedTables) {
    public BaselineInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        excludedTables = excludedTables == null ? java.util.List.of() : java.util.List.copyOf(excludedTables);
    }
}
