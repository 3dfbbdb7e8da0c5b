package org.relgraph.models.ensemble;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelOutput;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/**
 * A kind whose model is an {@link AveragedModel}: members of other kinds trained on the same training table, their
 * calibrated outputs combined into one number per entity and evaluated as the combination. A subclass says which
 * members it trains and how it weighs them; this class holds what the ensemble and the blend share: training a GNN
 * member, the val and test metrics of the combination, and loading, which the bundle's members make alike.
 */
abstract class AveragingKind implements ModelKind {
    private final boolean explains;
    private final String retrain;

    /**
     * @param explains whether its models give reasons (every member must)
     * @param retrain  how a user gets a new bundle of the kind, for the hint of a damaged one
     */
    AveragingKind(boolean explains, String retrain) {
        this.explains = explains;
        this.retrain = retrain;
    }

    /** A GNN member: the GNN kind trained on the request's data, splits and input cutoff, with its own seed. */
    static GnnPredictor trainGnn(TrainingRequest r, long seed, GnnTraining settings) {
        return (GnnPredictor) GnnKind.INSTANCE.train(new TrainingRequest(r.db(), r.query(), r.splits(), seed,
                r.threads(), r.inputCutoffMs(), settings, r.progress()));
    }

    /** The combination's metrics on val and test ({@code val_auroc}, …), from its outputs in the splits' order. */
    static Map<String, Double> splitMetrics(PredictionHead head, TrainingSplits splits, double[][] val,
                                            double[][] test) {
        Map<String, Double> all = new LinkedHashMap<>();
        GnnPredictor.metrics(head, AveragedModel.labels(splits.val()), val).forEach((m, v) -> all.put("val_" + m, v));
        GnnPredictor.metrics(head, AveragedModel.labels(splits.test()), test)
                .forEach((m, v) -> all.put("test_" + m, v));
        return all;
    }

    @Override
    public final EntityModel load(Path dir, Database db) throws IOException {
        return AveragedModel.load(dir, db, name(), explains, retrain);
    }

    @Override
    public final boolean explains() {
        return explains;
    }

    @Override
    public final ModelOutput output(PredictiveQuery query) {
        return ModelOutput.ONE_NUMBER;
    }

    @Override
    public final boolean baseline() {
        return false;
    }

    @Override
    public final boolean combinesModels() {
        return true;
    }

    @Override
    public final String retrain() {
        return retrain;
    }
}
