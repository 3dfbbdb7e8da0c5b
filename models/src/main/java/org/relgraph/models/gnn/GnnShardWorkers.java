package org.relgraph.models.gnn;

import java.nio.file.Path;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.MaterialisedBatches;
import org.relgraph.gnn.train.ShardSteps;
import org.relgraph.schema.Schema;

/**
 * Data-parallel workers ({@link ShardSteps}) built from a bundle alone, for a worker that holds no database but is
 * handed its batches (a Spark executor assembling them from materialised neighbourhoods): the model
 * {@link GnnPredictor#shardSteps()} would train, over the schema's node and edge types in the graph's order, so its
 * parameters line up with the driver's.
 */
public final class GnnShardWorkers {
    private GnnShardWorkers() {
    }

    /**
     * @param bundle  the driver's (untrained or current) predictor's {@link GnnPredictor#bundle()}
     * @param dir     where the bundle was read from, named in messages
     * @param schema  the data's schema (inherited times resolved, as the loader leaves it)
     * @param batches the worker's batches, e.g. from {@link MaterialisedBatches}
     * @throws org.relgraph.schema.SchemaException when the bundle cannot be fed materialised batches (a ranking
     *                                             model, one reading label history) or has other tables
     */
    public static ShardSteps open(ModelBundle bundle, Path dir, Schema schema, ShardSteps.BatchSource batches) {
        String entity = GnnBatchScorer.requireScorable(bundle, dir, schema);
        HeteroGnn model = new HeteroGnn(bundle.config(), MaterialisedBatches.nodeTypes(schema),
                MaterialisedBatches.edgeTypes(schema).stream().map(BatchAssembler::edgeKey).toList(),
                bundle.encoding(), entity, bundle.head().outputs());
        bundle.weights().restoreInto(model);
        return new ShardSteps(model, bundle.head(), batches, bundle.config());
    }
}
