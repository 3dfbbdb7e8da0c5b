package org.relgraph.models.explain;

import java.util.List;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.explain.Explanation;
import org.relgraph.gnn.explain.IntegratedGradients;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.table.Database;

/**
 * Explains single entities of a trained GNN: samples the entity's subgraph as of a time exactly as scoring does,
 * runs {@link IntegratedGradients} on the requested output and {@link ReasonGrouper groups} the attributions into
 * reasons. Not thread-safe (the model caches activations).
 */
public final class EntityExplainer {
    private final Database db;
    private final String entityType;
    private final String keyColumn;
    private final BatchAssembler assembler;
    private final IntegratedGradients ig;
    private final ReasonGrouper grouper;
    private final int steps;

    public EntityExplainer(Database db, DatabaseEncoding encoding, HeteroGnn model, BatchAssembler assembler,
                           String keyColumn, int steps) {
        this.db = db;
        this.entityType = model.seedType();
        this.keyColumn = keyColumn;
        this.assembler = assembler;
        this.ig = new IntegratedGradients(model);
        this.grouper = new ReasonGrouper(db, encoding, entityType);
        this.steps = steps;
    }

    public int steps() {
        return steps;
    }

    /**
     * @param row         the entity's row in its table
     * @param outputIndex the model output column to explain
     * @param outputName  what that column is, for the reader
     * @param score       the score the user sees for this entity
     * @param top         reasons to keep (all when not positive)
     */
    public EntityExplanation explain(int row, long asOfMs, int outputIndex, String outputName, double score,
                                     int top) {
        Explanation e = ig.explain(assembler.assembleWithRows(new int[] {row}, new long[] {asOfMs}), steps,
                outputIndex);
        List<Reason> reasons = grouper.reasons(e, asOfMs);
        if (top > 0 && reasons.size() > top) {
            reasons = reasons.subList(0, top);
        }
        String key = db.table(entityType).requireColumn(keyColumn).format(row);
        return new EntityExplanation(entityType, key, asOfMs, outputName, score, e.inputOutput(),
                e.baselineOutput(), e.completenessDelta(), e.steps(), reasons);
    }
}
