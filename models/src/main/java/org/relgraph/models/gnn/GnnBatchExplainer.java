package org.relgraph.models.gnn;

import java.util.Map;
import org.relgraph.gnn.explain.IntegratedGradients;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.MaterialisedBatches;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.SeedExplainer;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.schema.Schema;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * A GNN bundle explaining seeds whose subgraphs it is handed ({@link MaterialisedBatches}) rather than entities of a
 * loaded database: per seed, what {@code predict --explain} gives that entity ({@link GnnPredictor#explain}: the
 * same output explained, the same {@link SeedExplainer}), from only the rows a worker holds. Those rows must include,
 * for a model with child summaries of the entity table, every child row the entity's summaries counted (the reasons
 * count and describe them).
 *
 * <p>Not thread-safe (the model keeps activations): one instance per task.
 */
public final class GnnBatchExplainer {
    private final ModelBundle bundle;
    private final SeedExplainer explainer;

    /**
     * @param schema the data's schema (inherited times resolved), as {@link GnnBatchScorer#open} takes it
     * @param rows   per table of {@code schema}, the rows the worker holds, numbered as the subgraphs' nodes
     */
    public GnnBatchExplainer(ModelBundle bundle, Schema schema, Map<String, Table> rows) {
        this.bundle = bundle;
        String entityType = schema.requireTable(PredictiveQuery.parse(bundle.manifest().query(), schema)
                .entityTable()).name();
        HeteroGnn model = new HeteroGnn(bundle.config(), MaterialisedBatches.nodeTypes(schema),
                MaterialisedBatches.edgeTypes(schema).stream().map(BatchAssembler::edgeKey).toList(),
                bundle.encoding(), entityType, bundle.head().outputs());
        bundle.weights().restoreInto(model);
        Database db = new Database(schema, MaterialisedBatches.nodeTypes(schema).stream().map(rows::get).toList());
        String key = PredictiveQuery.parse(bundle.manifest().query(), schema).entityKey();
        this.explainer = new SeedExplainer(db, HeteroGraph.build(db), bundle.encoding(), model, key,
                IntegratedGradients.DEFAULT_STEPS);
    }

    /**
     * @param seed    one seed's subgraph ({@link MaterialisedBatches#assemble} of that seed alone)
     * @param row     the seed's entity row among the worker's rows
     * @param outputs the seed's model outputs ({@link GnnBatchScorer#outputs}): they choose the explained output
     * @param score   the score shown for it
     * @param top     reasons to keep
     */
    public EntityExplanation explain(SampledBatch seed, int row, long asOfMs, double[] outputs, double score,
                                     int top) {
        int output = GnnPredictor.outputToExplain(bundle.head(), outputs);
        return explainer.explain(seed, row, asOfMs, output, GnnPredictor.explainedOutputName(bundle.head(), output),
                score, top);
    }

}
