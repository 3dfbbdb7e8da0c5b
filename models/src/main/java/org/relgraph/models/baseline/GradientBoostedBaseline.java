package org.relgraph.models.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.FeatureSpec;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.features.PointInTimeFeatures;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * Point-in-time features followed by boosted trees (XGBoost, early-stopped on the validation split). Two baselines
 * share it and differ only in their {@link FeatureOptions}:
 * <ul>
 *   <li>{@link #flatXgboost}: the strong flat-table baseline — the entity's own columns plus point-in-time
 *       aggregates of every table within two foreign-key hops (see
 *       {@link org.relgraph.models.features.PointInTimeFeatures}); what a competent data scientist builds by hand
 *       before reaching for a GNN;</li>
 *   <li>{@link #entityColumnsOnly}: the entity row's own columns only, like RelBench's LightGBM baseline.</li>
 * </ul>
 */
public final class GradientBoostedBaseline implements TabularPredictor {
    public static final String FLAT_XGBOOST = "flat-xgboost";
    public static final String ENTITY_GBDT = "entity-gbdt";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final String entityTable;
    private final FeatureOptions options;
    /** The settings to try, early-stopped on validation each; the one with the best validation score is kept. */
    private final List<XgboostSettings> candidates;
    private XgboostSettings settings;
    private final PointInTimeFeatures features;
    private FeatureSpec spec;
    /** The query whose past labels are features, or null for none; the fitted spec records it. */
    private String labelHistoryQuery;
    private BoostedTrees trees;
    private FitTimings timings;
    /** Inputs of another source after the point-in-time features ({@code xgb-gnn-inputs}), or null for none. */
    private AppendedFeatures appended;

    private GradientBoostedBaseline(String name, Database db, String entityTable, FeatureOptions options,
                                    List<XgboostSettings> candidates) {
        this.name = name;
        this.entityTable = entityTable;
        this.options = options;
        this.candidates = List.copyOf(candidates);
        this.settings = candidates.get(0);
        this.features = new PointInTimeFeatures(db);
    }

    public static GradientBoostedBaseline flatXgboost(Database db, String entityTable) {
        return flatXgboost(db, entityTable, FeatureOptions.defaults(), XgboostSettings.defaults());
    }

    public static GradientBoostedBaseline flatXgboost(Database db, String entityTable, FeatureOptions options,
                                                      XgboostSettings settings) {
        return new GradientBoostedBaseline(FLAT_XGBOOST, db, entityTable, options, List.of(settings));
    }

    /**
     * The flat baseline with its XGBoost settings chosen on validation among {@code candidates} (e.g.
     * {@link XgboostSettings#treeShapeGrid}); the features are built once for all of them.
     */
    public static GradientBoostedBaseline flatXgboost(Database db, String entityTable, FeatureOptions options,
                                                      List<XgboostSettings> candidates) {
        return new GradientBoostedBaseline(FLAT_XGBOOST, db, entityTable, options, candidates);
    }

    public static GradientBoostedBaseline entityColumnsOnly(Database db, String entityTable) {
        return entityColumnsOnly(db, entityTable, XgboostSettings.defaults());
    }

    public static GradientBoostedBaseline entityColumnsOnly(Database db, String entityTable,
                                                            XgboostSettings settings) {
        return new GradientBoostedBaseline(ENTITY_GBDT, db, entityTable, FeatureOptions.entityColumnsOnly(),
                List.of(settings));
    }

    /**
     * Adds the entity's own past labels for {@code query} to the features ({@link org.relgraph.query.LabelHistory});
     * before {@link #fit}.
     */
    public GradientBoostedBaseline withLabelHistory(org.relgraph.query.PredictiveQuery query) {
        org.relgraph.query.LabelHistory.requireSupported(query);
        this.labelHistoryQuery = query.text();
        return this;
    }

    /**
     * Appends {@code more}'s columns to the point-in-time features, at fit and at prediction time; before
     * {@link #fit}, or right after {@link #load} with what the same model saved.
     */
    GradientBoostedBaseline withAppendedFeatures(AppendedFeatures more) {
        this.appended = more;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    /** The features of {@code table}: the point-in-time ones, then the appended ones' if any. */
    private FeatureMatrix features(TrainingTable table) {
        FeatureMatrix flat = features.build(spec, table);
        return appended == null ? flat : flat.withColumnsOf(appended.build(table, InputMask.none()));
    }

    @Override
    public void fit(TrainingSplits splits) {
        if (splits.train().taskType() == TaskType.RANKING) {
            throw new IllegalArgumentException(name + " predicts one number per example; ranking tasks need a "
                    + "ranking model");
        }
        long start = System.nanoTime();
        spec = features.fit(entityTable, options, splits.train()).withLabelHistory(labelHistoryQuery);
        if (appended != null) {
            appended.fit(splits);
        }
        FeatureMatrix train = features(splits.train());
        FeatureMatrix val = features(splits.val());
        long built = System.nanoTime();
        if (trees != null) {
            trees.close();
            trees = null;
        }
        TaskType task = splits.train().taskType();
        // Without validation rows there is nothing to choose on: the first candidate, as given.
        List<XgboostSettings> tried = val.rows() == 0 ? candidates.subList(0, 1) : candidates;
        for (XgboostSettings candidate : tried) {
            BoostedTrees fitted = BoostedTrees.train(train, labels(splits.train()), val, labels(splits.val()), task,
                    candidate);
            if (trees == null || isBetter(fitted.bestScore(), trees.bestScore(), candidate.higherScoreIsBetter(task))) {
                if (trees != null) {
                    trees.close();
                }
                trees = fitted;
                settings = candidate;
            } else {
                fitted.close();
            }
        }
        timings = new FitTimings((built - start) / 1_000_000, (System.nanoTime() - built) / 1_000_000,
                train.columnCount(), trees.bestIteration() + 1);
    }

    @Override
    public double[] predict(TrainingTable table) {
        if (trees == null) {
            throw new IllegalStateException(name + " is not fitted");
        }
        return trees.predict(features(table));
    }

    @Override
    public java.util.function.Function<InputMask, double[]> maskedPredictions(TrainingTable table) {
        if (trees == null) {
            throw new IllegalStateException(name + " is not fitted");
        }
        FeatureMatrix unmasked = features.build(spec, table);
        if (appended != null) {
            // The appended inputs know no per-column mask: they are computed again from the masked data.
            return mask -> trees.predict(unmasked.masked(mask).withColumnsOf(appended.build(table, mask)));
        }
        return mask -> trees.predict(unmasked.masked(mask));
    }

    /** Strictly better, so that a tie keeps the earlier candidate and the choice does not depend on luck. */
    private static boolean isBetter(double score, double incumbent, boolean higherIsBetter) {
        if (Double.isNaN(score)) {
            return false;
        }
        return Double.isNaN(incumbent) || (higherIsBetter ? score > incumbent : score < incumbent);
    }

    /** What the features are computed with. */
    public FeatureOptions featureOptions() {
        return options;
    }

    /** The XGBoost settings of the fitted model: the candidate validation chose. */
    public XgboostSettings settings() {
        return settings;
    }

    public FitTimings lastFitTimings() {
        return timings;
    }

    /** Total gain per feature name, for explaining what the model relies on. */
    public Map<String, Double> featureImportance() {
        return trees.totalGain();
    }

    /** XGBoost's model file and a JSON of the feature spec and settings, published atomically as one folder. */
    public void save(Path folder) {
        if (trees == null) {
            throw new IllegalStateException(name + " is not fitted");
        }
        SavedBaseline saved = new SavedBaseline(name, spec, settings, trees.task(), trees.featureNames(),
                trees.classes(), trees.bestIteration());
        try {
            OutputFolder.write(folder, "gradient-boosted baseline", ReplacePolicy.OWN_OUTPUT_ONLY, dir -> {
                trees.saveModel(dir.resolve(BoostedTrees.MODEL_FILE));
                JSON.writeValue(dir.resolve(SavedBaseline.FILE).toFile(), saved);
                if (appended != null) {
                    appended.saveInto(dir);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model folder " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The same files as {@link #save}, written straight into {@code dir} (a bundle that publishes atomically itself). */
    @Override
    public void saveInto(Path dir) throws IOException {
        if (trees == null) {
            throw new IllegalStateException(name + " is not fitted");
        }
        trees.saveModel(dir.resolve(BoostedTrees.MODEL_FILE));
        JSON.writeValue(dir.resolve(SavedBaseline.FILE).toFile(), new SavedBaseline(name, spec, settings,
                trees.task(), trees.featureNames(), trees.classes(), trees.bestIteration()));
        if (appended != null) {
            appended.saveInto(dir);
        }
    }

    /** Class codes in XGBoost's order for a multiclass task; empty otherwise. */
    double[] classes() {
        return trees.classes();
    }

    /** A baseline saved by {@link #save}, computing features from {@code db}. */
    public static GradientBoostedBaseline load(Path folder, Database db) {
        SavedBaseline saved;
        try {
            saved = JSON.readValue(folder.resolve(SavedBaseline.FILE).toFile(), SavedBaseline.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve(SavedBaseline.FILE) + ": "
                    + e.getMessage(), e);
        }
        GradientBoostedBaseline model = new GradientBoostedBaseline(saved.predictor(), db, saved.featureSpec().entityTable(),
                saved.featureSpec().options(), List.of(saved.settings()));
        model.spec = saved.featureSpec();
        model.trees = new BoostedTrees(BoostedTrees.loadBooster(folder.resolve(BoostedTrees.MODEL_FILE)),
                saved.taskType(), saved.featureNames(), saved.classes(), saved.bestIteration());
        return model;
    }

    private static double[] labels(TrainingTable table) {
        double[] y = new double[table.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = table.label(i);
        }
        return y;
    }

    @Override
    public void close() {
        if (trees != null) {
            trees.close();
            trees = null;
        }
        if (appended != null) {
            appended.close();
        }
        features.close();
    }
}
