package org.relgraph.models.api;

import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.EntityModel;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.GnnRanker;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;

/**
 * Trains the heterogeneous temporal GNN for a {@link Task}: the "model" step of the data flow. A ranking query
 * (ARGMAX next best action, LIST_DISTINCT recommendation) gets the ranker, every other task type the predictor;
 * both early-stop on the validation split and record validation and test metrics in {@link EntityModel#metrics()}.
 * Save the result with {@link EntityModel#save} to get the bundle {@code relgraph predict} reads.
 *
 * <pre>{@code
 * Task task = Task.bind(db, pql);
 * try (EntityModel model = Training.gnn(task, task.tables(), GnnConfig.defaults().withEpochs(3))) {
 *     System.out.println(model.metrics().get("test_auroc"));
 *     model.save(Path.of("out/mortgage-model"));
 * }
 * }</pre>
 */
public final class Training {
    private Training() {
    }

    /** Trains with no progress reports. */
    public static EntityModel gnn(Task task, TrainingSplits tables, GnnConfig config) {
        return gnn(task, tables, config, TrainingListener.NONE);
    }

    /** Trains, telling {@code listener} after every batch and epoch. */
    public static EntityModel gnn(Task task, TrainingSplits tables, GnnConfig config, TrainingListener listener) {
        return task.query().taskType() == TaskType.RANKING
                ? GnnRanker.train(task.data(), task.query(), tables, config, listener)
                : GnnPredictor.train(task.data(), task.query(), tables, config, listener);
    }
}
