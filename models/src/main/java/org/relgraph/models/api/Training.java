package org.relgraph.models.api;

import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelKinds;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.ensemble.EnsembleTraining;
import org.relgraph.models.ensemble.GnnEnsembleKind;
import org.relgraph.models.ensemble.GnnXgbBlendKind;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

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
        return gnn(task.data(), task.query(), tables, config, listener);
    }

    /**
     * Trains the {@code gnn} kind the query's task type selects in {@link ModelKinds} (the ranker for ranking
     * queries), with {@code config}'s seed and input cutoff.
     */
    public static EntityModel gnn(Database db, PredictiveQuery query, TrainingSplits tables, GnnConfig config,
                                  TrainingListener listener) {
        return gnn(GnnInputs.of(db), query, tables, config, listener);
    }

    /**
     * {@link #gnn(Database, PredictiveQuery, TrainingSplits, GnnConfig, TrainingListener)} on {@code inputs}'
     * database, sharing with the other models trained from {@code inputs} what does not depend on the model's
     * settings ({@link GnnInputs}: graph, encoding, label history); the ranker builds its own.
     */
    public static EntityModel gnn(GnnInputs inputs, PredictiveQuery query, TrainingSplits tables, GnnConfig config,
                                  TrainingListener listener) {
        ModelKind kind = ModelKinds.forTask(GnnKind.INSTANCE.name(), query);
        kind.requireFits(query);
        return kind.train(new TrainingRequest(inputs.db(), query, tables, config.seed(),
                Runtime.getRuntime().availableProcessors(), config.inputCutoffMs(),
                new GnnTraining(config, listener, null, inputs), null));
    }

    /**
     * A seed ensemble ({@code gnn-ensemble}): {@code members} GNNs trained one after another with {@code config}'s
     * seed, seed+1, …, their calibrated probabilities (classification) or predictions (regression) averaged;
     * {@code listener} hears every member's epochs. Binary, regression and multiclass queries.
     */
    public static EntityModel gnnEnsemble(Database db, PredictiveQuery query, TrainingSplits tables,
                                          GnnConfig config, int members, TrainingListener listener) {
        return combined(GnnEnsembleKind.INSTANCE, db, query, tables, config,
                new EnsembleTraining(new GnnTraining(config, listener, null), members, null));
    }

    /**
     * The GNN + flat XGBoost blend ({@code gnn-xgb-blend}), its weight chosen on {@code tables.val()} only.
     * Binary and regression queries.
     */
    public static EntityModel gnnXgbBlend(Database db, PredictiveQuery query, TrainingSplits tables,
                                          GnnConfig config, TrainingListener listener) {
        return combined(GnnXgbBlendKind.INSTANCE, db, query, tables, config, new GnnTraining(config, listener, null));
    }

    private static EntityModel combined(ModelKind kind, Database db, PredictiveQuery query, TrainingSplits tables,
                                        GnnConfig config, Object settings) {
        kind.requireFits(query);
        return kind.train(new TrainingRequest(db, query, tables, config.seed(),
                Runtime.getRuntime().availableProcessors(), config.inputCutoffMs(), settings, null));
    }
}
