package org.relgraph.models.baseline;

import java.nio.file.Path;
import java.util.Map;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * The strong flat-table baseline: XGBoost on the entity's own columns plus point-in-time aggregates of every table
 * within two foreign-key hops (see {@link org.relgraph.models.features.PointInTimeFeatures}), early-stopped on the
 * validation split. What a competent data scientist would build by hand before reaching for a GNN.
 */
public final class FlatXgboostPredictor implements TabularPredictor {
    public static final String NAME = "flat-xgboost";

    private final FeatureGbdt model;

    public FlatXgboostPredictor(Database db, String entityTable) {
        this(db, entityTable, FeatureOptions.defaults(), XgboostSettings.defaults());
    }

    public FlatXgboostPredictor(Database db, String entityTable, FeatureOptions options, XgboostSettings settings) {
        this(new FeatureGbdt(NAME, db, entityTable, options, settings));
    }

    private FlatXgboostPredictor(FeatureGbdt model) {
        this.model = model;
    }

    /** A predictor saved by {@link #save}, computing features from {@code db}. */
    public static FlatXgboostPredictor load(Path folder, Database db) {
        return new FlatXgboostPredictor(FeatureGbdt.load(NAME, folder, db));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void fit(TrainingSplits splits) {
        model.fit(splits);
    }

    @Override
    public double[] predict(TrainingTable table) {
        return model.predict(table);
    }

    /** XGBoost's model file and a JSON of the feature spec and settings, published atomically as one folder. */
    public void save(Path folder) {
        model.save(folder);
    }

    public FitTimings lastFitTimings() {
        return model.timings();
    }

    /** Total gain per feature name, for explaining what the model relies on. */
    public Map<String, Double> featureImportance() {
        return model.featureImportance();
    }

    @Override
    public void close() {
        model.close();
    }
}
