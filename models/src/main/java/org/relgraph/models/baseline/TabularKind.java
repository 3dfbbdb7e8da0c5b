package org.relgraph.models.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelOutput;
import org.relgraph.models.TaskMisfit;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.table.Database;

/**
 * A flat-table baseline kind: a {@link TabularPredictor} behind {@link BaselineModel}, which fits it on the train
 * split, calibrates it on val and saves it as a bundle. A subclass says how to build and reload its predictor.
 */
public abstract class TabularKind implements ModelKind {
    /** How a user gets a new baseline bundle. */
    public static final String RETRAIN = "run relgraph baseline again";

    /**
     * The untrained predictor; XGBoost seeded and on {@code threads} threads for reproducibility; features read no
     * row after {@code featureCutoffMs} ({@link FeatureOptions#NO_CUTOFF} for none).
     */
    abstract TabularPredictor createPredictor(Database db, PredictiveQuery query, long seed, int threads,
                                              long featureCutoffMs);

    /** The predictor {@link TabularPredictor#saveInto} wrote into a bundle (checksums already verified). */
    abstract TabularPredictor loadPredictor(Path dir, Database db) throws IOException;

    @Override
    public Set<TaskType> taskTypes() {
        return EnumSet.of(TaskType.BINARY, TaskType.REGRESSION, TaskType.MULTICLASS);
    }

    @Override
    public Optional<TaskMisfit> misfit(PredictiveQuery query) {
        return query.taskType() == TaskType.RANKING ? Optional.of(rankingMisfit()) : Optional.empty();
    }

    /** A flat-table baseline predicts one number per entity, not a ranking. */
    TaskMisfit rankingMisfit() {
        return new TaskMisfit(name() + " predicts one number per entity",
                name() + " predicts one number per entity; this is a ranking query",
                "use --kind flat-xgboost or cf for ARGMAX queries, --kind cf for LIST_DISTINCT");
    }

    @Override
    public EntityModel train(TrainingRequest r) {
        return BaselineModel.train(r.db(), r.query(), r.splits(), this, r.seed(), r.threads(),
                cutoff(r.inputCutoffMs()), r.progress());
    }

    static long cutoff(Long inputCutoffMs) {
        return inputCutoffMs == null ? FeatureOptions.NO_CUTOFF : inputCutoffMs;
    }

    @Override
    public EntityModel load(Path dir, Database db) throws IOException {
        return BaselineModel.load(dir, BundleFolder.read(dir, List.of(), RETRAIN), this, db);
    }

    /** Loads a bundle whose manifest {@link #load} has verified and read. */
    EntityModel load(Path dir, BundleManifest manifest, Database db) {
        return BaselineModel.load(dir, manifest, this, db);
    }

    @Override
    public boolean explains() {
        return false;
    }

    @Override
    public ModelOutput output(PredictiveQuery query) {
        return ModelOutput.ONE_NUMBER;
    }

    @Override
    public boolean baseline() {
        return true;
    }

    @Override
    public String retrain() {
        return RETRAIN;
    }

    @Override
    public String toString() {
        return id();
    }
}
