package org.relgraph.models.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.relgraph.models.EntityModel;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

/**
 * Flat XGBoost — the same point-in-time features, derived statistics and XGBoost settings as {@code flat-xgboost} —
 * with the columns of another source appended ({@link AppendedFeatures}); a subclass says which source and how it is
 * read back from a bundle. Such kinds are trained by {@code relgraph train --kind ID} (not {@code relgraph baseline})
 * and combine two kinds' inputs, so the benchmark suite runs them only when named, as it does the ensembles and the
 * blend: the default suite stays as it was.
 */
public abstract class AppendedFeaturesKind extends TabularKind {
    /** The untrained source of the appended columns, as of {@code featureCutoffMs} like the flat features. */
    abstract AppendedFeatures appendedFeatures(Database db, PredictiveQuery query, long featureCutoffMs);

    /** The source {@link AppendedFeatures#saveInto} wrote into a bundle (checksums already verified). */
    abstract AppendedFeatures loadAppendedFeatures(Path dir, Database db) throws IOException;

    @Override
    final TabularPredictor createPredictor(Database db, PredictiveQuery query, long seed, int threads,
                                           long featureCutoffMs) {
        return GradientBoostedBaseline.flatXgboost(db, query.entityTable(),
                FeatureOptions.defaults().withFeatureCutoff(featureCutoffMs).withDerived(FlatXgboostKind.DERIVED),
                XgboostSettings.defaults().withSeed(seed).withThreads(threads))
                .withAppendedFeatures(appendedFeatures(db, query, featureCutoffMs));
    }

    @Override
    final TabularPredictor loadPredictor(Path dir, Database db) throws IOException {
        return GradientBoostedBaseline.load(dir, db).withAppendedFeatures(loadAppendedFeatures(dir, db));
    }

    @Override
    public EntityModel load(Path dir, Database db) throws IOException {
        return load(dir, BundleFolder.read(dir, List.of(), retrain()), db);
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
    public String retrain() {
        return "run relgraph train --kind " + id() + " again";
    }
}
