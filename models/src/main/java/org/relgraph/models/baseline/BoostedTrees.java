package org.relgraph.models.baseline;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.query.TaskType;

/**
 * A trained XGBoost model and what is needed to use it: the task, the feature names it was trained on, the class
 * codes of a multiclass task (XGBoost wants classes 0..n-1) and the best round found by early stopping, which
 * bounds prediction so the rounds after it, trained only to confirm the stop, are ignored.
 */
final class BoostedTrees implements AutoCloseable {
    static final String MODEL_FILE = "xgboost-model.ubj";

    private final Booster booster;
    private final TaskType task;
    private final List<String> featureNames;
    private final double[] classes;
    private final int bestIteration;
    /** The validation score at the best iteration in the stopping metric, or NaN without a validation split. */
    private double bestScore = Double.NaN;

    BoostedTrees(Booster booster, TaskType task, List<String> featureNames, double[] classes, int bestIteration) {
        this.booster = booster;
        this.task = task;
        this.featureNames = List.copyOf(featureNames);
        this.classes = classes;
        this.bestIteration = bestIteration;
    }

    static BoostedTrees train(FeatureMatrix train, double[] trainLabels, FeatureMatrix val, double[] valLabels,
                              TaskType task, XgboostSettings settings) {
        if (!train.names().equals(val.names())) {
            throw new IllegalArgumentException("train and val features differ");
        }
        double[] classes = task == TaskType.MULTICLASS ? classesOf(trainLabels) : new double[0];
        DMatrix trainMatrix = null;
        DMatrix valMatrix = null;
        try {
            trainMatrix = matrix(train, encode(trainLabels, classes));
            Map<String, DMatrix> watches = new LinkedHashMap<>();
            int earlyStopping = 0;
            if (val.rows() > 0) {
                valMatrix = matrix(val, encode(valLabels, classes));
                watches.put("val", valMatrix);
                earlyStopping = settings.earlyStoppingRounds();
            }
            Booster booster = XGBoost.train(trainMatrix, settings.parameters(task, classes.length),
                    settings.maxRounds(), watches, null, null, null, earlyStopping);
            String best = booster.getAttr("best_iteration");
            int bestIteration = best == null ? settings.maxRounds() - 1 : Integer.parseInt(best);
            BoostedTrees trees = new BoostedTrees(booster, task, train.names(), classes, bestIteration);
            String score = booster.getAttr("best_score");
            trees.bestScore = score == null ? Double.NaN : Double.parseDouble(score);
            return trees;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost training failed: " + e.getMessage(), e);
        } finally {
            if (trainMatrix != null) {
                trainMatrix.dispose();
            }
            if (valMatrix != null) {
                valMatrix.dispose();
            }
        }
    }

    /** Probability of 1 (binary), the value (regression) or the most probable class code (multiclass). */
    double[] predict(FeatureMatrix features) {
        if (!features.names().equals(featureNames)) {
            throw new IllegalArgumentException("features differ from the " + featureNames.size()
                    + " the model was trained on");
        }
        double[] out = new double[features.rows()];
        if (features.rows() == 0) {
            return out;
        }
        try {
            float[][] scores = booster.inplace_predict(features.values(), features.rows(), features.columnCount(),
                    Float.NaN, new int[] {0, bestIteration + 1}, Booster.PredictionType.kValue, null);
            for (int i = 0; i < out.length; i++) {
                out[i] = task == TaskType.MULTICLASS ? classes[argMax(scores[i])] : scores[i][0];
            }
            return out;
        } catch (XGBoostError e) {
            throw new IllegalStateException("XGBoost prediction failed: " + e.getMessage(), e);
        }
    }

    TaskType task() {
        return task;
    }

    List<String> featureNames() {
        return featureNames;
    }

    double[] classes() {
        return classes.clone();
    }

    int bestIteration() {
        return bestIteration;
    }

    double bestScore() {
        return bestScore;
    }

    /** Feature importance as total gain, by feature name; features never split on are absent. */
    Map<String, Double> totalGain() {
        try {
            Map<String, Double> byIndex = booster.getScore((String) null, "total_gain");
            Map<String, Double> named = new LinkedHashMap<>();
            byIndex.forEach((k, v) -> named.put(k.startsWith("f") ? featureNames.get(Integer.parseInt(k.substring(1)))
                    : k, v));
            return named;
        } catch (XGBoostError e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    void saveModel(Path file) {
        try {
            booster.saveModel(file.toString());
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot save the XGBoost model: " + e.getMessage(), e);
        }
    }

    static Booster loadBooster(Path file) {
        try {
            return XGBoost.loadModel(file.toString());
        } catch (XGBoostError e) {
            throw new IllegalStateException("cannot load the XGBoost model " + file + ": " + e.getMessage(), e);
        }
    }

    private static DMatrix matrix(FeatureMatrix features, float[] labels) throws XGBoostError {
        DMatrix m = new DMatrix(features.values(), features.rows(), features.columnCount(), Float.NaN);
        m.setLabel(labels);
        return m;
    }

    private static double[] classesOf(double[] labels) {
        TreeSet<Double> distinct = new TreeSet<>();
        for (double l : labels) {
            distinct.add(l);
        }
        return distinct.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Multiclass labels become class positions; a val class never seen in training only blurs the stopping metric. */
    private static float[] encode(double[] labels, double[] classes) {
        float[] out = new float[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = classes.length == 0 ? (float) labels[i] : Math.max(0, Arrays.binarySearch(classes, labels[i]));
        }
        return out;
    }

    private static int argMax(float[] v) {
        int best = 0;
        for (int k = 1; k < v.length; k++) {
            if (v[k] > v[best]) {
                best = k;
            }
        }
        return best;
    }

    @Override
    public void close() {
        booster.dispose();
    }
}
