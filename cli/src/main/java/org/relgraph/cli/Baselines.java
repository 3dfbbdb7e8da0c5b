package org.relgraph.cli;

import java.util.function.Consumer;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.rank.CfModel;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/** Trains a baseline of any kind, for the baseline and bench commands. */
final class Baselines {
    private Baselines() {
    }

    static EntityModel train(Database db, PredictiveQuery q, TrainingSplits splits, ModelKind kind, long seed,
                             int threads, Consumer<String> progress) {
        return kind == ModelKind.CF ? CfModel.train(db, q, splits, seed, progress)
                : BaselineModel.train(db, q, splits, kind, seed, threads, progress);
    }
}
