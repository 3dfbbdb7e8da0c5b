package org.relgraph.models.ensemble;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.relgraph.gnn.nn.Matrices;
import org.relgraph.models.EntityModel;
import org.relgraph.models.TaskMisfit;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.baseline.FlatXgboostKind;
import org.relgraph.models.baseline.XgbGnnEmbeddingsKind;
import org.relgraph.models.bundle.DataFingerprint;
import org.relgraph.models.bundle.Provenance;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;

/**
 * {@code gnn-xgb-blend} ({@code relgraph train --kind gnn-xgb-blend}): the GNN and flat XGBoost trained on the
 * same training table, their calibrated probabilities (binary) or predictions (regression) blended as
 * w·GNN + (1−w)·XGBoost with w chosen on validation only ({@link BlendWeight}) and recorded in the bundle.
 * Not explained: XGBoost's half has no integrated gradients.
 */
public final class GnnXgbBlendKind extends AveragingKind {
    public static final GnnXgbBlendKind INSTANCE = new GnnXgbBlendKind();
    static final String GNN = "gnn";
    static final String XGB = "flat-xgboost";

    private GnnXgbBlendKind() {
        super(false, "run relgraph train --kind gnn-xgb-blend again");
    }

    @Override
    public String id() {
        return "gnn-xgb-blend";
    }

    @Override
    public Set<TaskType> taskTypes() {
        return EnumSet.of(TaskType.BINARY, TaskType.REGRESSION);
    }

    @Override
    public Optional<TaskMisfit> misfit(PredictiveQuery query) {
        if (!taskTypes().contains(query.taskType())) {
            return Optional.of(new TaskMisfit("gnn-xgb-blend blends one probability or value per entity; this is a "
                    + query.taskType().name().toLowerCase(Locale.ROOT) + " query",
                    "gnn-xgb-blend is for binary and regression queries",
                    "train --kind gnn (the default), or --ensemble K for a seed ensemble"));
        }
        return Optional.empty();
    }

    @Override
    public EntityModel train(TrainingRequest r) {
        requireFits(r.query());
        GnnTraining s = r.settings(GnnTraining.class, GnnTraining.of(null));
        GnnTraining g = new GnnTraining(s.config(), s.listener(), Checkpointing.none());
        double[][][] gnnOutputs;
        EnsembleMember gnnMember;
        Map<String, Double> gnnMetrics;
        org.relgraph.gnn.model.PredictionHead head;
        r.progress().accept("blend: training the GNN");
        try (GnnPredictor p = trainGnn(r, r.seed(), g)) {
            gnnOutputs = p.trainedOutputs().orElseThrow();
            gnnMember = EnsembleMember.of(p.bundle(), Path.of(GNN));
            gnnMetrics = p.metrics();
            head = p.head();
        }
        r.progress().accept("blend: training flat XGBoost on the same training table");
        BaselineModel xgb = (BaselineModel) FlatXgboostKind.INSTANCE.train(new TrainingRequest(r.db(), r.query(),
                r.splits(), r.seed(), r.threads(), r.inputCutoffMs(), null, r.progress()));
        try {
            // The predictions training made (their point-in-time features are XGBoost's cost), else made again.
            double[][] trained = xgb.trainedPredictions().orElseGet(() -> new double[][] {
                xgb.predict(r.splits().val()), xgb.predict(r.splits().test())});
            double[] xgbVal = trained[0];
            double[] xgbTest = trained[1];
            double[] gnnVal = Matrices.firstColumn(gnnOutputs[0]);
            double[] gnnTest = Matrices.firstColumn(gnnOutputs[1]);
            BlendWeight w = BlendWeight.choose(gnnVal, xgbVal, AveragedModel.labels(r.splits().val()), head);
            double[] weights = {w.weight(), w.xgbWeight()};
            Map<String, Double> all = splitMetrics(head, r.splits(),
                    AveragedModel.column(BlendWeight.blend(gnnVal, xgbVal, w.weight())),
                    AveragedModel.column(BlendWeight.blend(gnnTest, xgbTest, w.weight())));
            all.put("blend_gnn_weight", w.weight());
            all.put("best_epoch", gnnMetrics.getOrDefault("best_epoch", Double.NaN));
            String metric = w.metric().name().toLowerCase(Locale.ROOT);
            List<String> notes = List.of(
                    GnnEnsembleKind.memberNote(1, 2, r.seed(), gnnMetrics, head).replace("member 1/2", "gnn"),
                    String.format(Locale.ROOT, "flat-xgboost: val %s %.4f, test %s %.4f", metric,
                            xgb.metrics().getOrDefault("val_" + metric, Double.NaN), metric,
                            xgb.metrics().getOrDefault("test_" + metric, Double.NaN)));
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("blendMetric", metric);
            fields.put("blendGrid", BlendWeight.STEPS + 1);
            String summary = String.format(Locale.ROOT, "; blend %.2f × GNN + %.2f × flat XGBoost (weight chosen on "
                    + "val %s %.4f over %d weights)", weights[0], weights[1], metric, w.value(), BlendWeight.STEPS + 1);
            return new AveragedModel(name(), explains(), r.db(), r.query(), List.of(GNN, XGB),
                    List.of(gnnMember, EnsembleMember.resident(xgb)), weights, head, all,
                    Provenance.now(DataFingerprint.of(r.db()), r.seed()), SplitAnchors.of(r.splits()),
                    inputHops(s), fields, notes, summary);
        } catch (RuntimeException | Error e) {
            xgb.close();
            throw e;
        }
    }

    /** The inputs of {@code xgb-gnn-embeddings}, which reads the same two: the GNN's layers or XGBoost's hops. */
    @Override
    public int inputHops(Object settings) {
        return XgbGnnEmbeddingsKind.INSTANCE.inputHops(settings);
    }
}
