package org.relgraph.models.bundle;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.relgraph.metrics.PlattScaling;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.table.Database;

/**
 * A bundle's {@code bundle.json}, the same for every model kind: what the model predicts, on which data, how well it
 * did and where it came from. A kind's own top-level fields (the GNN's {@code config}, {@code head} and
 * {@code actions}) ride along in {@link #kindFields}, so the file keeps the field names bundles have always had.
 *
 * @param kind           the registered kind's name ({@code gnn}, {@code rules}, …); GNN bundles written before the
 *                       field existed have none and are read as {@code gnn}
 * @param schemaYaml     the schema the model was trained on, as {@code schema.yaml} text, so a user can diff it
 *                       against today's data when loading fails
 * @param metrics        evaluation results by name, e.g. {@code val_auroc}
 * @param splits         the train/val/test anchors, so evaluation rebuilds the same tables
 * @param calibration    Platt scaling fitted on the validation split, or null
 * @param excludedTables tables left out of the data the model was trained on ({@code --exclude-tables}), which
 *                       scoring leaves out too; empty for none and for bundles written before the field existed
 * @param kindFields     the kind's own fields by name, as JSON
 */
@JsonPropertyOrder({"formatVersion", "kind", "query", "schemaYaml", "taskType", "metrics", "provenance", "splits",
        "calibration", "excludedTables"})
public record BundleManifest(int formatVersion, String kind, String query, String schemaYaml, TaskType taskType,
                             Map<String, Double> metrics, Provenance provenance, SplitAnchors splits,
                             PlattScaling calibration, List<String> excludedTables,
                             @JsonAnySetter @JsonAnyGetter Map<String, JsonNode> kindFields) {
    /** The format this relgraph writes and reads; bumped only when an older relgraph could not read a new bundle. */
    public static final int FORMAT_VERSION = 1;
    /** What bundles without a {@code kind} are: GNN bundles from before every kind shared this manifest. */
    static final String KIND_OF_UNNAMED = "gnn";

    public BundleManifest {
        kind = kind == null ? KIND_OF_UNNAMED : kind;
        Objects.requireNonNull(query, "query");
        metrics = metrics == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        excludedTables = excludedTables == null ? List.of() : List.copyOf(excludedTables);
        kindFields = kindFields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(kindFields));
    }

    /**
     * The manifest of a model of {@code kind} trained for {@code query} on {@code db} (its schema and excluded
     * tables recorded), in this relgraph's format.
     */
    public static BundleManifest of(String kind, PredictiveQuery query, Database db, Map<String, Double> metrics,
                                    Provenance provenance, SplitAnchors splits, PlattScaling calibration) {
        return new BundleManifest(FORMAT_VERSION, kind, query.text(), SchemaYaml.toYaml(db.schema()),
                query.taskType(), metrics, provenance, splits, calibration, db.schema().excludedTables(), null);
    }

    /** This manifest with one of the kind's own fields set (written as JSON, null included). */
    public BundleManifest withKindField(String name, Object value) {
        Map<String, JsonNode> fields = new LinkedHashMap<>(kindFields);
        fields.put(name, BundleFolder.JSON.valueToTree(value));
        return new BundleManifest(formatVersion, kind, query, schemaYaml, taskType, metrics, provenance, splits,
                calibration, excludedTables, fields);
    }

    /** One of the kind's own fields read as {@code type}; null when absent or null. */
    public <T> T kindField(String name, Class<T> type) {
        JsonNode node = kindFields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            return BundleFolder.JSON.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bundle.json field " + name + " is not valid: "
                    + e.getOriginalMessage(), e);
        }
    }
}
