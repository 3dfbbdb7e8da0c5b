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
import org.relgraph.gnn.train.TaskLabels;
import org.relgraph.metrics.MetricReport;
import org.relgraph.metrics.MulticlassMetrics;
import org.relgraph.metrics.PlattScaling;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.TaskMetrics;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.gnn.DataFingerprint;
import org.relgraph.models.gnn.Provenance;
import org.relgraph.models.gnn.SplitAnchors;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitLabelCheck;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.table.Database;

/**
 * A flat-table baseline ({@code rules}, {@code entity-gbdt}, {@code flat-xgboost}) behind the same
 * {@link EntityModel} contract as the GNN: fitted on the train split, Platt-calibrated on val for binary tasks (so
 * its propensities are comparable with the GNN's), metrics recorded for val and test, saved as a checksummed
 * {@link BaselineBundle}. Scoring as of a date computes the point-in-time features of (entity, as-of) pairs.
 */
public final class BaselineModel implements EntityModel {
    private final ModelKind kind;
    private final Database db;
    private final PredictiveQuery query;
    private final TabularPredictor predictor;
    private final Map<String, Double> metrics;
    private final Provenance provenance;
    private SplitAnchors splits;
    private PlattScaling calibration;

    private BaselineModel(ModelKind kind, Database db, PredictiveQuery query, TabularPredictor predictor,
                          Map<String, Double> metrics, Provenance provenance) {
        this.kind = kind;
        this.db = db;
        this.query = query;
        this.predictor = predictor;
        this.metrics = new LinkedHashMap<>(metrics);
        this.provenance = provenance;
    }

    /**
     * The untrained predictor of a kind; XGBoost seeded and on {@code threads} threads for reproducibility;
     * features read no row after {@code featureCutoffMs} ({@link FeatureOptions#NO_CUTOFF} for none).
     */
    static TabularPredictor create(ModelKind kind, Database db, PredictiveQuery query, long seed, int threads,
                                   long featureCutoffMs) {
        XgboostSettings xgb = XgboostSettings.defaults().withSeed(seed).withThreads(threads);
        return switch (kind) {
            case RULES -> new RulesPredictor(db, query.entityTable(), featureCutoffMs);
            case ENTITY_GBDT -> GradientBoostedBaseline.entityColumnsOnly(db, query.entityTable(), xgb);
            case FLAT_XGBOOST -> GradientBoostedBaseline.flatXgboost(db, query.entityTable(),
                    FeatureOptions.defaults().withFeatureCutoff(featureCutoffMs), xgb);
            case CF, GNN -> throw new IllegalArgumentException(kind + " is not a flat-table baseline");
        };
    }

    /**
     * Fits a baseline of {@code kind} on {@code splits.train()} (val only for early stopping and calibration) and
     * records val and test metrics plus {@code train_seconds}.
     *
     * @param progress receives one line per step (features and fit, calibration, evaluation)
     */
    public static BaselineModel train(Database db, PredictiveQuery query, TrainingSplits splits, ModelKind kind,
                                      long seed, int threads, Consumer<String> progress) {
        return train(db, query, splits, kind, seed, threads, FeatureOptions.NO_CUTOFF, progress);
    }

    /**
     * As {@link #train(Database, PredictiveQuery, TrainingSplits, ModelKind, long, int, Consumer)} with inputs that
     * read no row after {@code featureCutoffMs} whatever the anchor (RelBench's protocol caps every split's inputs
     * at its test time); the cutoff is saved with the model.
     */
    public static BaselineModel train(Database db, PredictiveQuery query, TrainingSplits splits, ModelKind kind,
                                      long seed, int threads, long featureCutoffMs, Consumer<String> progress) {
        if (query.taskType() == TaskType.RANKING) {
            throw new SchemaException(kind + " predicts one number per entity; this is a ranking query",
                    "use --kind flat-xgboost or cf for ARGMAX queries, --kind cf for LIST_DISTINCT");
        }
        // Before any fitting: a split of one class or no rows would train for nothing and report n/a.
        SplitLabelCheck.requireLearnable(db, query, splits);
        TabularPredictor predictor = create(kind, db, query, seed, threads, featureCutoffMs);
        BaselineModel m = new BaselineModel(kind, db, query, predictor, Map.of(),
                Provenance.now(DataFingerprint.of(db), seed));
        long t0 = System.nanoTime();
        progress.accept(String.format(java.util.Locale.ROOT, "%s: features and fit on %,d train examples", kind,
                splits.train().size()));
        predictor.fit(splits);
        m.metrics.put("train_seconds", (System.nanoTime() - t0) / 1e9);
        m.calibration = fitCalibration(predictor, splits.val());
        if (m.calibration != null) {
            progress.accept(kind + ": Platt calibration fitted on " + splits.val().size() + " val examples");
        }
        m.splits = SplitAnchors.of(splits);
        progress.accept(kind + ": evaluating val and test");
        m.evaluate(splits.val()).forEach((k, v) -> m.metrics.put("val_" + k, v));
        m.evaluate(splits.test()).forEach((k, v) -> m.metrics.put("test_" + k, v));
        return m;
    }

    private static PlattScaling fitCalibration(TabularPredictor predictor, TrainingTable val) {
        if (val.taskType() != TaskType.BINARY || val.size() == 0) {
            return null;
        }
        double[] labels = labels(val);
        boolean[] y = TaskLabels.binary(labels);
        boolean pos = false;
        boolean neg = false;
        for (boolean b : y) {
            pos |= b;
            neg |= !b;
        }
        return pos && neg ? PlattScaling.fitOnProbabilities(predictor.predict(val), y) : null;
    }

    /** Predictions for every example of {@code table}, calibrated when a calibration was fitted. */
    double[] predict(TrainingTable table) {
        return calibrated(predictor.predict(table));
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
            case BINARY -> TaskMetrics.binary(scores, TaskLabels.binary(labels));
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
        BaselineInfo info = new BaselineInfo(BaselineBundle.FORMAT_VERSION, kind.id(), query.text(),
                SchemaYaml.toYaml(db.schema()), query.taskType(), metrics, provenance, splits, calibration,
                db.schema().excludedTables());
        BaselineBundle.write(dir, info, replace, folder -> {
            if (predictor instanceof GradientBoostedBaseline g) {
                g.saveInto(folder);
            } else if (predictor instanceof RulesPredictor r) {
                r.saveInto(folder);
            } else {
                throw new IllegalStateException("cannot save " + predictor.name());
            }
        });
    }

    /** A baseline bundle whose {@code bundle.json} has already been verified and read. */
    public static BaselineModel load(Path dir, BaselineInfo info, Database db) {
        ModelKind kind = ModelKind.parse(info.kind());
        PredictiveQuery query = PredictiveQuery.parse(info.query(), db.schema());
        TabularPredictor predictor;
        try {
            predictor = switch (kind) {
                case RULES -> RulesPredictor.load(dir, db);
                case ENTITY_GBDT, FLAT_XGBOOST -> GradientBoostedBaseline.load(dir, db);
                default -> throw new SchemaException("the bundle at " + dir + " is a " + kind + " model",
                        "load it with ModelLoader");
            };
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the baseline at " + dir + ": " + e.getMessage(), e);
        }
        BaselineModel m = new BaselineModel(kind, db, query, predictor, info.metrics(), info.provenance());
        m.splits = info.splits();
        m.calibration = info.calibration();
        return m;
    }

    private static double[] labels(TrainingTable table) {
        double[] y = new double[table.size()];
        Arrays.setAll(y, table::label);
        return y;
    }

    @Override
    public String kind() {
        return kind.id();
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
        return kind.baselineInputHops();
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
