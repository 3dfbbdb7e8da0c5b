package org.relgraph.models.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelOutput;
import org.relgraph.models.TaskMisfit;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.features.DerivedFeatures;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.query.LabelHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.table.Database;

/**
 * {@code flat-xgboost}: XGBoost on point-in-time aggregates of every table within the feature hops
 * ({@link GradientBoostedBaseline}); for an ARGMAX query it scores every candidate action next to those features
 * ({@link FlatXgboostRankingModel}).
 */
public final class FlatXgboostKind extends TabularKind {
    /** Label history when the request does not say (docs/MODEL-TUNING.md, "Label history"). */
    public static final boolean LABEL_HISTORY_DEFAULT = false;
    public static final FlatXgboostKind INSTANCE = new FlatXgboostKind(false);
    /**
     * What a careful data scientist adds to the aggregates: the mean of the latest 3 and 10 rows of each number of
     * the entity's own event tables and its trend against the long-run mean, a recency-weighted mean (half-life
     * 90 days), and the share of each frequent category among those rows. Measured on rel-f1 and Berka in
     * docs/MODEL-TUNING.md ("Strengthened flat baseline").
     */
    static final DerivedFeatures DERIVED = new DerivedFeatures(List.of(3, 10), List.of(90), true);

    /** Whether the predictors this instance creates read label history; the saved spec records it. */
    private final boolean labelHistory;

    private FlatXgboostKind(boolean labelHistory) {
        this.labelHistory = labelHistory;
    }

    @Override
    public String id() {
        return GradientBoostedBaseline.FLAT_XGBOOST;
    }

    @Override
    public Set<TaskType> taskTypes() {
        return EnumSet.allOf(TaskType.class);
    }

    /** Every task but LIST_DISTINCT ranking. */
    @Override
    public Optional<TaskMisfit> misfit(PredictiveQuery query) {
        return query.taskType() == TaskType.RANKING && !ActionSpace.applies(query) ? Optional.of(rankingMisfit())
                : Optional.empty();
    }

    @Override
    public EntityModel train(TrainingRequest r) {
        if (ActionSpace.applies(r.query())) {
            if (Boolean.TRUE.equals(r.settings(FlatFeatureSettings.class, FlatFeatureSettings.DEFAULTS)
                    .labelHistory())) {
                org.relgraph.query.LabelHistory.requireSupported(r.query()); // a ranking's label is not one number
            }
            return FlatXgboostRankingModel.train(r.db(), r.query(), r.splits(), r.seed(), r.threads(),
                    cutoff(r.inputCutoffMs()), r.progress());
        }
        Boolean chosen = r.settings(FlatFeatureSettings.class, FlatFeatureSettings.DEFAULTS).labelHistory();
        boolean on = chosen == null ? LABEL_HISTORY_DEFAULT && LabelHistory.supports(r.query().taskType()) : chosen;
        if (on) {
            LabelHistory.requireSupported(r.query());
        }
        // Same id and bundle layout either way: the fitted feature spec says whether label history is read.
        return on == labelHistory ? super.train(r) : new FlatXgboostKind(on).train(r);
    }

    @Override
    public EntityModel load(Path dir, Database db) throws IOException {
        BundleManifest manifest = BundleFolder.read(dir, List.of(), RETRAIN);
        return manifest.taskType() == TaskType.RANKING ? FlatXgboostRankingModel.load(dir, manifest, db)
                : load(dir, manifest, db);
    }

    @Override
    public ModelOutput output(PredictiveQuery query) {
        return ActionSpace.applies(query) ? ModelOutput.ACTION_SCORES : ModelOutput.ONE_NUMBER;
    }

    @Override
    TabularPredictor createPredictor(Database db, PredictiveQuery query, long seed, int threads,
                                     long featureCutoffMs) {
        GradientBoostedBaseline model = GradientBoostedBaseline.flatXgboost(db, query.entityTable(),
                FeatureOptions.defaults().withFeatureCutoff(featureCutoffMs).withDerived(DERIVED),
                XgboostSettings.defaults().withSeed(seed).withThreads(threads));
        return labelHistory ? model.withLabelHistory(query) : model;
    }

    @Override
    TabularPredictor loadPredictor(Path dir, Database db) {
        return GradientBoostedBaseline.load(dir, db);
    }

    /** Every table within the feature hops. */
    @Override
    public int inputHops(Object settings) {
        return FeatureOptions.defaults().maxHops();
    }
}
