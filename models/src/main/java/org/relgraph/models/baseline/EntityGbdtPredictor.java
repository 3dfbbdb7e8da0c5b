package org.relgraph.models.baseline;

import java.nio.file.Path;
import java.util.Map;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * XGBoost on the entity row's own columns only (numbers, categorical codes, ages of timestamps): RelBench's LightGBM
 * baseline, the model you get from one customer table without reading its history. The gap to
 * {@link FlatXgboostPredictor} measures what related tables add.
 */
public final class EntityGbdtPredictor implements TabularPredictor {
    public static final String NAME = "entity-gbdt";

    private final FeatureGbdt model;

    public EntityGbdtPredictor(Database db, String entityTable) {
        this(db, entityTable, XgboostSettings.defaults());
    }

    public EntityGbdtPredictor(Database db, String entityTable, XgboostSettings settings) {
        this(new FeatureGbdt(NAME, db, entityTable, FeatureOptions.entityColumnsOnly(), settings));
    }

    private EntityGbdtPredictor(FeatureGbdt model) {
        this.model = model;
    }

    /** A predictor saved by {@link #save}, computing features from {@code db}. */
    public static EntityGbdtPredictor load(Path folder, Database db) {
        return new EntityGbdtPredictor(FeatureGbdt.load(NAME, folder, db));
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
