package org.relgraph.models.gnn;

import java.nio.file.Path;
import java.util.Map;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.relgraph.gnn.encode.ChildSummaries;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.MaterialisedBatches;
import org.relgraph.gnn.train.StepWorkspace;
import org.relgraph.query.TaskType;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Table;

/**
 * A GNN bundle scoring batches it is handed rather than entities of a loaded database: what a worker that holds
 * materialised neighbourhoods and the rows they name (a Spark executor) needs. The score of a seed is
 * {@link GnnPredictor#score}'s: the calibrated probability (binary), the value (regression), or the most likely
 * class's label (multiclass).
 *
 * <p>Not thread-safe (the model keeps buffers): one instance per task.
 */
public final class GnnBatchScorer {
    private final ModelBundle bundle;
    private final Schema schema;
    private final String entityType;
    private final HeteroGnn model;

    private GnnBatchScorer(ModelBundle bundle, Schema schema, String entityType) {
        this.bundle = bundle;
        this.schema = schema;
        this.entityType = entityType;
        this.model = new HeteroGnn(bundle.config(), MaterialisedBatches.nodeTypes(schema),
                MaterialisedBatches.edgeTypes(schema).stream().map(BatchAssembler::edgeKey).toList(),
                bundle.encoding(), entityType, bundle.head().outputs());
        bundle.weights().restoreInto(model);
        model.eval();
        model.forwardOnly(true);
    }

    /**
     * @param dir    where the bundle was read from, named in messages
     * @param schema the data's schema (inherited times resolved, as the loader leaves it)
     * @throws SchemaException when the bundle cannot score materialised neighbourhoods (see {@link #requireScorable})
     *                         or was trained on other tables
     */
    public static GnnBatchScorer open(ModelBundle bundle, Path dir, Schema schema) {
        return new GnnBatchScorer(bundle, schema, requireScorable(bundle, dir, schema));
    }

    /**
     * Checks, without building the model, that {@code bundle} is a GNN of one number per entity (binary, regression,
     * multiclass) that reads no label history, trained on the tables of {@code schema}; the entity table as
     * {@code schema} spells it.
     */
    public static String requireScorable(ModelBundle bundle, Path dir, Schema schema) {
        if (bundle.manifest().taskType() == TaskType.RANKING || bundle.actions() != null) {
            throw new SchemaException("the model at " + dir + " ranks actions (next best action); scoring "
                    + "materialised neighbourhoods covers binary, regression and multiclass GNNs",
                    "score it on one machine with relgraph predict");
        }
        if (bundle.config().readsLabelHistory()) {
            throw new SchemaException("the model at " + dir + " reads each entity's past labels (--label-history "
                    + "on), which materialised neighbourhoods do not hold", "score it on one machine with relgraph "
                    + "predict, or train without --label-history");
        }
        GnnPredictor.requireSameTables(bundle.encoding(), MaterialisedBatches.nodeTypes(schema));
        String entity = org.relgraph.query.PredictiveQuery.parse(bundle.manifest().query(), schema).entityTable();
        return schema.requireTable(entity).name();
    }

    /** The entity table, as the schema spells it. */
    public String entityType() {
        return entityType;
    }

    /** The batches of neighbourhoods over {@code rows}, encoded with this model's fitted encoding. */
    public MaterialisedBatches batches(Map<String, Table> rows, Map<String, ChildSummaries> summaries) {
        return MaterialisedBatches.bind(schema, bundle.encoding(), rows, summaries, entityType, hops(bundle));
    }

    /** How many hops the model's sampler walks: its layers' fanouts. */
    public static int hops(ModelBundle bundle) {
        return bundle.config().samplerConfig().hops();
    }

    /** Whether the model reads child summaries of any table. */
    public static boolean readsChildSummaries(ModelBundle bundle) {
        return bundle.encoding().tables().stream().anyMatch(t -> bundle.encoding().childActivityWidth(t.table()) > 0);
    }

    /** Per seed of {@code batch}, its score. */
    public double[] score(GraphBatch batch) {
        return scores(outputs(batch));
    }

    /**
     * Per seed of {@code batch}, the model's outputs as {@link GnnPredictor} gives them (the binary probability
     * calibrated): what {@link #scores} turns into scores and {@link GnnBatchExplainer} chooses the explained output by.
     */
    public double[][] outputs(GraphBatch batch) {
        double[][] outputs;
        try (MemoryWorkspace ignored = StepWorkspace.open()) {
            outputs = bundle.head().scores(model.forward(batch));
        }
        return GnnPredictor.calibrated(bundle.manifest().calibration(), outputs);
    }

    /** The scores of {@link #outputs}. */
    public double[] scores(double[][] outputs) {
        return GnnPredictor.pointScores(bundle.head(), outputs);
    }
}
