package org.relgraph.models.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.FeatureSpec;
import org.relgraph.models.features.PointInTimeFeatures;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * Point-in-time features followed by boosted trees: the machinery the flat and the entity-only baselines share;
 * they differ only in {@link FeatureOptions}.
 */
final class FeatureGbdt implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final String entityTable;
    private final FeatureOptions options;
    private final XgboostSettings settings;
    private final PointInTimeFeatures features;
    private FeatureSpec spec;
    private BoostedTrees trees;
    private FitTimings timings;

    FeatureGbdt(String name, Database db, String entityTable, FeatureOptions options, XgboostSettings settings) {
        this.name = name;
        this.entityTable = entityTable;
        this.options = options;
        this.settings = settings;
        this.features = new PointInTimeFeatures(db);
    }

    void fit(TrainingSplits splits) {
        if (splits.train().taskType() == TaskType.RANKING) {
            throw new IllegalArgumentException(name + " predicts one number per example; ranking tasks need a "
                    + "ranking model");
        }
        long start = System.nanoTime();
        spec = features.fit(entityTable, options, splits.train());
        FeatureMatrix train = features.build(spec, splits.train());
        FeatureMatrix val = features.build(spec, splits.val());
        long built = System.nanoTime();
        if (trees != null) {
            trees.close();
        }
        trees = BoostedTrees.train(train, labels(splits.train()), val, labels(splits.val()),
                splits.train().taskType(), settings);
        timings = new FitTimings((built - start) / 1_000_000, (System.nanoTime() - built) / 1_000_000,
                train.columnCount(), trees.bestIteration() + 1);
    }

    double[] predict(TrainingTable table) {
        if (trees == null) {
            throw new IllegalStateException(name + " is not fitted");
        }
        return trees.predict(features.build(spec, table));
    }

    FitTimings timings() {
        return timings;
    }

    Map<String, Double> featureImportance() {
        return trees.totalGain();
    }

    void save(Path folder) {
        if (trees == null) {
            throw new IllegalStateException(name + " is not fitted");
        }
        SavedBaseline saved = new SavedBaseline(name, spec, settings, trees.task(), trees.featureNames(),
                trees.classes(), trees.bestIteration());
        ModelFolder.write(folder, dir -> {
            trees.saveModel(dir.resolve(BoostedTrees.MODEL_FILE));
            JSON.writeValue(dir.resolve(SavedBaseline.FILE).toFile(), saved);
        });
    }

    static FeatureGbdt load(String expectedName, Path folder, Database db) {
        SavedBaseline saved;
        try {
            saved = JSON.readValue(folder.resolve(SavedBaseline.FILE).toFile(), SavedBaseline.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folder.resolve(SavedBaseline.FILE) + ": "
                    + e.getMessage(), e);
        }
        if (!saved.predictor().equals(expectedName)) {
            throw new IllegalArgumentException(folder + " holds a " + saved.predictor() + " model, not "
                    + expectedName);
        }
        FeatureGbdt model = new FeatureGbdt(expectedName, db, saved.featureSpec().entityTable(),
                saved.featureSpec().options(), saved.settings());
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
        features.close();
    }
}
