package org.relgraph.models.gnn;

import org.relgraph.metrics.PlattScaling;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.query.TaskType;

/**
 * The contents of a bundle's {@code bundle.json}: what the model predicts, how it was built, how well it did and
 * where it came from.
 *
 * @param schemaYaml the schema the model was trained on, as {@code schema.yaml} text, so a user can diff it against
 *                   today's data when loading fails
 * @param head       the task's output statistics (positive weight, target standardisation, classes)
 * @param metrics    evaluation results by name, e.g. {@code val_auroc}
 * @param splits     the train/val/test anchors, so evaluation rebuilds the same tables
 * @param calibration Platt scaling fitted on the validation split (binary tasks), or null
 * @param actions    ARGMAX (next best action): the candidate actions the model scores, or null for other tasks
 * @param excludedTables tables left out of the data the model was trained on ({@code --exclude-tables}), which
 *                   scoring leaves out too; empty for none and for bundles written before the field existed
 */
public record BundleInfo(int formatVersion, String query, String schemaYaml, TaskType taskType, GnnConfig config,
                         PredictionHead head, Map<String, Double> metrics, Provenance provenance,
                         SplitAnchors splits, PlattScaling calibration, ActionSpace actions,
                         java.util.List<String> excludedTables) {
    public BundleInfo {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(head, "head");
        metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        excludedTables = excludedTables == null ? java.util.List.of() : java.util.List.copyOf(excludedTables);
    }

    /** A bundle of data with no tables left out. */
    public BundleInfo(int formatVersion, String query, String schemaYaml, TaskType taskType, GnnConfig config,
                      PredictionHead head, Map<String, Double> metrics, Provenance provenance, SplitAnchors splits,
                      PlattScaling calibration, ActionSpace actions) {
        this(formatVersion, query, schemaYaml, taskType, config, head, metrics, provenance, splits, calibration,
                actions, null);
    }

    /** A bundle of a task without an action space (everything but ARGMAX). */
    public BundleInfo(int formatVersion, String query, String schemaYaml, TaskType taskType, GnnConfig config,
                      PredictionHead head, Map<String, Double> metrics, Provenance provenance, SplitAnchors splits,
                      PlattScaling calibration) {
        this(formatVersion, query, schemaYaml, taskType, config, head, metrics, provenance, splits, calibration, null);
    }
}
