package org.relgraph.cli;

import java.util.function.Consumer;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.baseline.FlatXgboostRankingModel;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.models.rank.CfModel;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/** Trains a baseline of any kind (flat-xgboost ranks actions for ARGMAX queries), for the baseline command. */
final class Baselines {
    private Baselines() {
    }

    static EntityModel train(Database db, PredictiveQuery q, TrainingSplits splits, ModelKind kind, long seed,
                             int threads, Consumer<String> progress) {
        if (kind == ModelKind.CF) {
            return CfModel.train(db, q, splits, seed, progress);
        }
        if (kind == ModelKind.FLAT_XGBOOST && ActionSpace.applies(q)) {
            return FlatXgboostRankingModel.train(db, q, splits, seed, threads, FeatureOptions.NO_CUTOFF, progress);
        }
        return BaselineModel.train(db, q, splits, kind, seed, threads, progress);
    }
}
