package org.relgraph.models.baseline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.relgraph.metrics.BinaryMetrics;
import org.relgraph.metrics.MetricReport;
import org.relgraph.metrics.MulticlassMetrics;
import org.relgraph.metrics.PlattScaling;
import org.relgraph.models.EntityModel;
import org.relgraph.models.TaskMetrics;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.bundle.DataFingerprint;
import org.relgraph.models.bundle.Provenance;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitLabelCheck;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * A flat-table baseline ({@code rules}, {@code entity-gbdt}, {@code flat-xgboost}) behind the same
 * {@link EntityModel} contract as the GNN: fitted on the train split, Platt-calibrated on val for binary tasks (so
 * its propensities are comparable with the GNN's), metrics recorded for val and test, saved as a checksummed
 * bundle ({@link BundleFolder}). Scoring as of a date computes the point-in-time features of (entity, as-of) pairs.
 */
public final class BaselineModel implements EntityModel {
    private final TabularKind kind;
    private final Database db;
    private final PredictiveQuery query;
    private final TabularPredictor predictor;
    private final Map<String, Double> metrics;
    private final Provenance provenance;
    private SplitAnchors splits;
    private PlattScaling calibration;
    /** The calibrated predictions on the val and test splits training computed, null once loaded (for blends). */
    private double[] trainedVal;
    private double[] trainedTest;

    private BaselineModel(TabularKind kind, Database db, PredictiveQuery query, TabularPredictor predictor,
                          Map<String, Double> metrics, Provenance provenance) {
        this.kind = kind;
        this.db = db;
        this.query = query;
        this.predictor = predictor;
        this.metrics = new LinkedHashMap<>(metrics);
        this.provenance = provenance;
    }

    /**
     * Fits a baseline of {@code kind} on {@code splits.train()} (val only for early stopping and calibration) and
     * records val and test metrics plus {@code train_seconds}.
     *
     * @param progress receives one line per step (features and fit, calibration, evaluation)
     */
    public static BaselineModel train(Database db, PredictiveQuery query, TrainingSplits splits, TabularKind kind,
                                      long seed, int threads, Consumer<String> progress) {
        return train(db, query, splits, kind, seed, threads, FeatureOptions.NO_CUTOFF, progress);
    }

    /**
     * As {@link #train(Database, PredictiveQuery, TrainingSplits, TabularKind, long, int, Consumer)} with inputs that
     * read no row after {@code featureCutoffMs} whatever the anchor (RelBench's protocol caps every split's inputs
     * at its test time); the cutoff is saved with the model.
     */
    public static BaselineModel train(Database db, PredictiveQuery query, TrainingSplits splits, TabularKind kind,
                                      long seed, int threads, long featureCutoffMs, Consumer<String> progress) {
        if (query.taskType() == TaskType.RANKING) {
            throw kind.rankingMisfit().error();
        }
        // Before any fitting: a split of one class or no rows would train for nothing and report n/a.
        SplitLabelCheck.requireLearnable(db, query, splits);
        TabularPredictor predictor = kind.createPredictor(db, query, seed, threads, featureCutoffMs);
        BaselineModel m = new BaselineModel(kind, db, query, predictor, Map.of(),
                Provenance.now(DataFingerprint.of(db), seed));
        long t0 = System.nanoTime();
        progress.accept(String.format(java.util.Locale.ROOT, "%s: features and fit on %,d train examples", kind,
                splits.train().size()));
        predictor.fit(splits);
        m.metrics.put("train_seconds", (System.nanoTime() - t0) / 1e9);
        // Validation is predicted once (its point-in-time features are the cost): the raw predictions fit the
        // calibration, then, calibrated, give the val metrics.
        TrainingTable val = splits.val();
        double[] valPredictions = val.size() == 0 ? new double[0] : predictor.predict(val);
        m.calibration = fitCalibration(val, valPredictions);
        if (m.calibration != null) {
            progress.accept(kind + ": Platt calibration fitted on " + val.size() + " val examples");
        }
        m.splits = SplitAnchors.of(splits);
        progress.accept(kind + ": evaluating val and test");
        m.trainedVal = m.calibrated(valPredictions);
        Map<String, Double> valMetrics = val.size() == 0 ? Map.of("count", 0.0)
                : m.metrics(m.trainedVal, labels(val));
        valMetrics.forEach((k, v) -> m.metrics.put("val_" + k, v));
        TrainingTable test = splits.test();
        m.trainedTest = test.size() == 0 ? new double[0] : m.predict(test);
        Map<String, Double> testMetrics = test.size() == 0 ? Map.of("count", 0.0)
                : m.metrics(m.trainedTest, labels(test));
        testMetrics.forEach((k, v) -> m.metrics.put("test_" + k, v));
        return m;
    }

    /** @param predictions the uncalibrated predictions on {@code val} */
    private static PlattScaling fitCalibration(TrainingTable val, double[] predictions) {
        if (val.taskType() != TaskType.BINARY || val.size() == 0) {
            return null;
        }
        double[] labels = labels(val);
        boolean[] y = BinaryMetrics.positives(labels);
        boolean pos = false;
        boolean neg = false;
        for (boolean b : y) {
            pos |= b;
            neg |= !b;
        }
        return pos && neg ? PlattScaling.fitOnProbabilities(predictions, y) : null;
    }

    /**
     * Predictions for every example of {@code table}, in its order, calibrated when a calibration was fitted: what
     * {@link #evaluate} measures (a blend averages them with another model's).
     */
    public double[] predict(TrainingTable table) {
        return calibrated(predictor.predict(table));
    }

    /**
     * The calibrated predictions training computed on the val and test splits (in the tables' order, as
     * {@link #predict} gives them), so a blend reuses them instead of computing their features again; empty for a
     * loaded model.
     */
    public Optional<double[][]> trainedPredictions() {
        return trainedVal == null ? Optional.empty() : Optional.of(new double[][] {trainedVal, trainedTest});
    }

    private double[] calibrated(double[] out) {
        if (calibration != null) {
            for (int i = 0; i < out.length; i++) {
                out[i] = calibration.apply(out[i]);
            }
        }
        return out;
    }

    @Override
    public Map<String, Double> evaluate(TrainingTable table) {
        if (table.size() == 0) {
            return Map.of("count", 0.0);
        }
        return metrics(predict(table), labels(table));
    }

    /** Features are computed once and masked on the matrix: exact, and far cheaper than reloading per mask. */
    @Override
    public Optional<Function<InputMask, Map<String, Double>>> maskedEvaluation(TrainingTable table) {
        if (table.size() == 0) {
            return Optional.empty();
        }
        Function<InputMask, double[]> predictions = predictor.maskedPredictions(table);
        double[] labels = labels(table);
        return Optional.of(mask -> metrics(calibrated(predictions.apply(mask)), labels));
    }

    private Map<String, Double> metrics(double[] scores, double[] labels) {
        MetricReport report = switch (query.taskType()) {
            case BINARY -> TaskMetrics.binary(scores, BinaryMetrics.positives(labels));
            case REGRESSION -> TaskMetrics.regression(labels, scores);
            case MULTICLASS -> multiclass(labels, scores);
            case RANKING -> throw new IllegalStateException("ranking models evaluate themselves");
        };
        return report.asMap();
    }

    /**
     * Trees give the most probable class, not a distribution, so only count, accuracy and macro-F1 are reported
     * (log loss of a hard guess would measure nothing but its confidence).
     */
    private static MetricReport multiclass(double[] labels, double[] predicted) {
        TreeSet<Double> codes = new TreeSet<>();
        Arrays.stream(labels).forEach(codes::add);
        Arrays.stream(predicted).forEach(codes::add);
        double[] classes = codes.stream().mapToDouble(Double::doubleValue).toArray();
        int[] truth = Arrays.stream(labels).mapToInt(l -> Arrays.binarySearch(classes, l)).toArray();
        int[] guess = Arrays.stream(predicted).mapToInt(l -> Arrays.binarySearch(classes, l)).toArray();
        return MetricReport.builder().count("count", truth.length)
                .value("accuracy", MulticlassMetrics.accuracy(truth, guess))
                .value("macro_f1", MulticlassMetrics.macroF1(truth, guess)).build();
    }

    @Override
    public double[] score(int[] entityRows, long asOfMs) {
        TrainingTable asOf = TrainingTable.unlabeled(query.taskType(),
                db.table(query.entityTable()).requireColumn(query.entityKey()), entityRows, asOfMs);
        return predict(asOf);
    }

    @Override
    public void save(Path dir, org.relgraph.io.ReplacePolicy replace) {
        BundleManifest manifest = BundleManifest.of(kind(), query, db, metrics, provenance, splits, calibration);
        try {
            BundleFolder.write(dir, kind + " baseline bundle", manifest, replace, predictor::saveInto);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A baseline bundle of {@code kind} whose {@code bundle.json} has already been verified and read. */
    static BaselineModel load(Path dir, BundleManifest manifest, TabularKind kind, Database db) {
        PredictiveQuery query = PredictiveQuery.parse(manifest.query(), db.schema());
        TabularPredictor predictor;
        try {
            predictor = kind.loadPredictor(dir, db);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the baseline at " + dir + ": " + e.getMessage(), e);
        }
        BaselineModel m = new BaselineModel(kind, db, query, predictor, manifest.metrics(), manifest.provenance());
        m.splits = manifest.splits();
        m.calibration = manifest.calibration();
        return m;
    }

    private static double[] labels(TrainingTable table) {
        double[] y = new double[table.size()];
        Arrays.setAll(y, table::label);
        return y;
    }

    @Override
    public String kind() {
        return kind.name();
    }

    @Override
    public PredictiveQuery query() {
        return query;
    }

    @Override
    public SplitAnchors splitAnchors() {
        return splits;
    }

    @Override
    public void recordMetrics(Map<String, Double> measured) {
        metrics.putAll(measured);
    }

    @Override
    public int inputHops() {
        return kind.inputHops(null);
    }

    @Override
    public Map<String, Double> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }

    public Provenance provenance() {
        return provenance;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
