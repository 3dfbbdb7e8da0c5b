package org.relgraph.models.explain;

import java.util.List;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.explain.Explanation;
import org.relgraph.gnn.explain.IntegratedGradients;
import org.relgraph.gnn.model.DifferentiableGnn;
import org.relgraph.gnn.model.SampledBatch;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.table.Database;

/**
 * Explains one entity from its subgraph already sampled and encoded: {@link IntegratedGradients} on the requested
 * output, the attributions {@link ReasonGrouper grouped} into reasons. Whoever samples the subgraph — the in-memory
 * sampler ({@link EntityExplainer}, for {@code predict --explain}) or materialised neighbourhoods rebuilt on a Spark
 * executor — gets the same reasons for the same inputs. Not thread-safe (the model caches activations).
 */
public final class SeedExplainer {
    private final Database db;
    private final String entityType;
    private final String keyColumn;
    private final IntegratedGradients ig;
    private final ReasonGrouper grouper;
    private final int steps;
    private ActionFeatureDescriber describer;

    /**
     * @param db    the rows the subgraphs' nodes are numbered in (all of the data, or only the rows an executor
     *              holds), with every row of the entity's child tables that its child summaries counted
     * @param graph the graph built from {@code db}: its edges to the entity's child rows name the rows behind the
     *              child summaries
     */
    public SeedExplainer(Database db, HeteroGraph graph, DatabaseEncoding encoding, DifferentiableGnn model,
                         String keyColumn, int steps) {
        this.db = db;
        this.entityType = model.seedType();
        this.keyColumn = keyColumn;
        this.ig = new IntegratedGradients(model);
        this.grouper = new ReasonGrouper(db, graph, encoding, entityType);
        this.steps = steps;
    }

    /** Names the model's features of the explained output (a ranker's history with the action) in reasons. */
    public SeedExplainer withActionFeatures(ActionFeatureDescriber describer) {
        this.describer = describer;
        return this;
    }

    /** Names the entity's label-history inputs in reasons; for a model that reads them. */
    public SeedExplainer withLabelHistory(org.relgraph.query.LabelHistory history) {
        grouper.withLabelHistory(history);
        return this;
    }

    public int steps() {
        return steps;
    }

    /**
     * @param seed        the subgraph of exactly this one entity, sampled as of {@code asOfMs}
     * @param row         the entity's row in its table of {@code db}
     * @param outputIndex the model output column to explain
     * @param outputName  what that column is, for the reader
     * @param score       the score the user sees for this entity
     * @param top         reasons to keep (all when not positive)
     */
    public EntityExplanation explain(SampledBatch seed, int row, long asOfMs, int outputIndex, String outputName,
                                     double score, int top) {
        Explanation e = ig.explain(seed, steps, outputIndex);
        List<Reason> reasons = grouper.reasons(e, asOfMs, describer);
        if (top > 0 && reasons.size() > top) {
            reasons = reasons.subList(0, top);
        }
        String key = db.table(entityType).requireColumn(keyColumn).format(row);
        return new EntityExplanation(entityType, key, asOfMs, outputName, score, e.inputOutput(),
                e.baselineOutput(), e.completenessDelta(), e.steps(), reasons);
    }
}
