package org.relgraph.models.gnn;

import org.relgraph.gnn.nn.Matrices;
import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.bundle.DataFingerprint;
import org.relgraph.models.bundle.Provenance;
import org.relgraph.models.bundle.SplitAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.encode.LabelHistoryFeatures;
import org.relgraph.gnn.encode.UnknownCategories;
import org.relgraph.gnn.explain.IntegratedGradients;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.train.EpochRunner;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.ShardSteps;
import org.relgraph.gnn.train.Trainer;
import org.relgraph.gnn.train.TrainingCheckpoint;
import org.relgraph.gnn.train.TrainingState;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingResult;
import org.relgraph.gnn.train.TaskLabels;
import org.relgraph.gnn.train.WeightCheckpoint;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.EntityModel;
import org.relgraph.models.TaskMetrics;
import org.relgraph.metrics.BinaryMetrics;
import org.relgraph.models.explain.EntityExplainer;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.RowCredit;
import org.relgraph.metrics.BusinessMetrics;
import org.relgraph.metrics.PlattScaling;
import org.relgraph.metrics.MetricReport;
import org.relgraph.metrics.MulticlassMetrics;
import org.relgraph.query.LabelHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitLabelCheck;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.table.Database;

/**
 * A GNN answering one predictive query over one database: trains, evaluates, scores entities as of a time, and
 * saves to / loads from a {@link ModelBundle}. Holds a background thread for batch assembly: close it when done.
 * Not thread-safe (the model caches activations between forward and backward): score from one thread at a time.
 */
public final class GnnPredictor implements EntityModel, org.relgraph.models.explain.ExplainableModel {
    /** Label history when the config does not say (docs/MODEL-TUNING.md, "Label history"). */
    static final boolean LABEL_HISTORY_DEFAULT = false;
    private final Database db;
    private final PredictiveQuery query;
    private final GnnConfig config;
    private final PredictionHead head;
    private final DatabaseEncoding encoding;
    private final HeteroGnn model;
    private final Trainer trainer;
    private final long[] entityTimes;
    private final Map<String, Double> metrics;
    /** Not final: a refit says so in it once training has refit. */
    private Provenance provenance;
    private SplitAnchors splits;
    private PlattScaling calibration;
    private TrainingCheckpoint checkpoint;
    private final HeteroGraph graph;
    private final String entityType;
    private EntityExplainer explainer;
    /** The calibrated outputs on the val and test splits training scored, null once loaded (for ensembles). */
    private double[][] trainedValOutputs;
    private double[][] trainedTestOutputs;

    /** The entity's own past labels, when the config reads them; null otherwise. */
    private final LabelHistory labelHistory;

    private GnnPredictor(Database db, HeteroGraph graph, PredictiveQuery query, GnnConfig config,
                         PredictionHead head, DatabaseEncoding encoding, LabelHistory labelHistory,
                         WeightCheckpoint weights, Map<String, Double> metrics, Provenance provenance) {
        this.db = db;
        this.query = query;
        this.config = config;
        this.head = head;
        this.encoding = encoding;
        this.graph = graph;
        this.entityType = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase(query.entityTable()))
                .findFirst().orElseThrow();
        this.model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, entityType,
                head.outputs());
        if (weights != null) {
            weights.restoreInto(model);
        }
        this.labelHistory = labelHistory;
        this.trainer = new Trainer(model, head, assembler(graph, db, encoding, entityType), config, true);
        this.entityTimes = graph.nodeTimes(entityType);
        this.metrics = new LinkedHashMap<>(metrics);
        this.provenance = provenance;
    }

    /** Batches of the entity type's neighbourhoods, with its label history when the model reads it. */
    private BatchAssembler assembler(HeteroGraph graph, Database db, DatabaseEncoding encoding, String entityType) {
        BatchAssembler a = BatchAssembler.create(graph, db, encoding, entityType, config.samplerConfig());
        return labelHistory == null ? a
                : a.withLabelHistory(new LabelHistoryFeatures(labelHistory, head.targetMean(), head.targetStd()));
    }

    /**
     * Whether a model of {@code config} for {@code query} reads the entity's past labels: as chosen, else
     * {@link #LABEL_HISTORY_DEFAULT} for the query types it supports. Resolved before training so the bundle's
     * config says what was used.
     *
     * @throws SchemaException when chosen for a query whose label is not one number
     */
    static boolean readsLabelHistory(PredictiveQuery query, GnnConfig config) {
        if (config.labelHistory() == null) {
            return LABEL_HISTORY_DEFAULT && LabelHistory.supports(query.taskType());
        }
        if (config.labelHistory()) {
            LabelHistory.requireSupported(query);
        }
        return config.labelHistory();
    }

    /**
     * Fits input statistics on what training may see, trains with early stopping on {@code splits.val()}, and
     * records validation and test metrics.
     *
     * @throws SchemaException for ranking queries, which the GNN does not support yet
     */
    public static GnnPredictor train(Database db, PredictiveQuery query, TrainingSplits splits, GnnConfig config,
                                     TrainingListener listener) {
        return train(db, query, splits, config, listener, Checkpointing.none());
    }

    /**
     * As {@link #train(Database, PredictiveQuery, TrainingSplits, GnnConfig, TrainingListener)}, saving a
     * checkpoint after every epoch; with {@link Checkpointing#resume()} it continues from the checkpoint and ends
     * with the model and metrics an uninterrupted run would have given. Call {@link #discardCheckpoint} once the
     * model is saved.
     *
     * @throws SchemaException when resuming and there is no checkpoint, or it belongs to another query, model
     *                         settings, data or split, or it is damaged
     */
    public static GnnPredictor train(Database db, PredictiveQuery query, TrainingSplits splits, GnnConfig config,
                                     TrainingListener listener, Checkpointing checkpointing) {
        return train(GnnInputs.of(db), query, splits, config, listener, checkpointing);
    }

    /**
     * {@link #train(Database, PredictiveQuery, TrainingSplits, GnnConfig, TrainingListener, Checkpointing)} on
     * {@code inputs}' database, taking from {@code inputs} the graph, fingerprint, encoding and label history it
     * already holds (building and keeping those it does not): a search or an ensemble training many models on the
     * same data builds them once. The model is the one training alone gives.
     */
    public static GnnPredictor train(GnnInputs inputs, PredictiveQuery query, TrainingSplits splits,
                                     GnnConfig config, TrainingListener listener, Checkpointing checkpointing) {
        return train(inputs, query, splits, config, listener, checkpointing, null);
    }

    /**
     * {@link #train(GnnInputs, PredictiveQuery, TrainingSplits, GnnConfig, TrainingListener, Checkpointing)} with
     * each epoch's optimisation steps taken by the runner {@code epochs} makes for the untrained predictor (e.g.
     * Spark's parameter averaging, which ships the predictor's {@link #bundle()} to its workers and trains them with
     * {@link #shardSteps()}); the rest (seeds, validation, early stopping, calibration, metrics) as ever.
     *
     * @param epochs null: train on this thread
     */
    public static GnnPredictor train(GnnInputs inputs, PredictiveQuery query, TrainingSplits splits,
                                     GnnConfig config, TrainingListener listener, Checkpointing checkpointing,
                                     java.util.function.Function<GnnPredictor, EpochRunner> epochs) {
        Database db = inputs.db();
        GnnKind.INSTANCE.requireFits(query);
        config = config.withLabelHistory(readsLabelHistory(query, config));
        // Before any fitting: a split of one class or no rows would train for nothing and report n/a.
        SplitLabelCheck.requireLearnable(db, query, splits);
        DatabaseEncoding encoding = inputs.encoding(splits, config);
        double[] trainLabels = new double[splits.train().size()];
        Arrays.setAll(trainLabels, splits.train()::label);
        PredictionHead head = PredictionHead.fit(query.taskType(), trainLabels);
        String fingerprint = inputs.fingerprint();
        TrainingCheckpoint checkpoint = checkpointing.dir() == null ? null
                : new TrainingCheckpoint(checkpointing.dir(), runIdentity(query, config, fingerprint, splits));
        TrainingState resumeFrom = checkpointing.resumeState(checkpoint);
        GnnPredictor p = new GnnPredictor(db, inputs.graph(), query, config, head, encoding,
                config.readsLabelHistory() ? inputs.labelHistory(query, config) : null, null, Map.of(),
                Provenance.now(fingerprint, config.seed()));
        p.checkpoint = checkpoint;
        LabeledSeeds val = p.seeds(splits.val());
        // The weights the selection run starts from, which a refit starts from again (a resumed run's model is
        // still at them here: fit restores the checkpoint).
        WeightCheckpoint initial = config.refits() ? WeightCheckpoint.capture(p.model) : null;
        try {
            EpochRunner runner = epochs == null ? null : epochs.apply(p);
            TrainingResult result = p.trainer.fit(p.seeds(splits.train()),
                    p.exampleWeights(anchors(splits.train())), val, listener, resumeFrom,
                    checkpoint == null ? state -> { } : checkpoint::save, runner);
            // Validation is scored once after fitting at most (only when resumed past the best epoch): the raw
            // outputs fit the calibration, then, calibrated, give the val metrics.
            double[][] valOutputs = p.trainer.bestValidationOutputs(val, listener);
            p.calibration = fitCalibration(p.head, val, valOutputs);
            p.splits = SplitAnchors.of(splits);
            p.metrics.put("best_epoch", (double) result.bestEpoch());
            p.trainedValOutputs = p.calibrated(valOutputs);
            p.metrics(val, p.trainedValOutputs).forEach((k, v) -> p.metrics.put("val_" + k, v));
            if (config.refits()) {
                p.refit(splits, initial, result.bestEpoch(), listener);
            }
            LabeledSeeds test = p.seeds(splits.test());
            p.trainedTestOutputs = p.outputs(test.rows(), test.times(), done -> listener.onScoring("test", done,
                    test.size()));
            p.metrics(test, p.trainedTestOutputs).forEach((k, v) -> p.metrics.put("test_" + k, v));
        } catch (RuntimeException | Error e) {
            p.close();
            throw e;
        }
        return p;
    }

    /**
     * Trains the model again from {@code initial} on the train and validation examples for {@code epochs} epochs
     * (the early-stopped run's best epoch) and keeps that model. The validation metrics and the calibration stay
     * the early-stopped model's: the refit model has seen the validation labels, so its own would flatter it; the
     * bundle's provenance says so. The calibration is monotone, so the ranking metrics are the refit model's own.
     */
    private void refit(TrainingSplits splits, WeightCheckpoint initial, int epochs, TrainingListener listener) {
        RefitExamples examples = RefitExamples.of(splits, this::seeds);
        initial.restoreInto(model);
        trainer.fitEpochs(examples.seeds(), exampleWeights(examples.anchors()), epochs, listener);
        metrics.put("refit_epochs", (double) epochs);
        metrics.put("refit_examples", (double) examples.seeds().size());
        provenance = provenance.withRefit("refit from the starting weights on the " + splits.train().size()
                + " train and " + splits.val().size() + " val examples for " + epochs + " epochs (the best epoch on "
                + "validation); val metrics and calibration are from the early-stopped run, which did not train on "
                + "val");
    }

    /** The recency weights of examples at {@code anchors} when the config asks for them, else null (equal). */
    private double[] exampleWeights(long[] anchors) {
        Double halfLife = config.recencyHalfLifeDays();
        return halfLife == null ? null : org.relgraph.gnn.train.ExampleWeights.recency(anchors, halfLife);
    }

    private static long[] anchors(TrainingTable table) {
        long[] a = new long[table.size()];
        Arrays.setAll(a, table::anchorTime);
        return a;
    }

    /**
     * The input encoding {@link #train} fits: statistics only from data the training inputs could see (up to the
     * latest train anchor's input time), child summaries as the config chooses (on by default). Public so that a
     * benchmark training the same model in another engine feeds it the same inputs.
     */
    public static DatabaseEncoding fitEncoding(Database db, TrainingSplits splits, GnnConfig config) {
        return fitEncoding(db, latestTrainInput(splits, config), config.childSummariesOr(true),
                config.extendedChildSummariesOn());
    }

    /**
     * The encoding fitted on data up to {@code latestInputMs}: all {@link #fitEncoding} depends on besides the data;
     * {@code windowSums}: the child summaries' windowed sums and means ({@code --extended-child-summaries}).
     */
    static DatabaseEncoding fitEncoding(Database db, long latestInputMs, boolean childSummaries, boolean windowSums) {
        return DatabaseEncoding.fit(db, latestInputMs, EncodingConfig.defaults().withChildActivity(childSummaries)
                .withActivityWindowSums(windowSums));
    }

    /** The input time of the latest train anchor: the last moment the encoding's statistics may read. */
    static long latestTrainInput(TrainingSplits splits, GnnConfig config) {
        return config.inputTime(splits.train().anchors().stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    /**
     * What a checkpoint must have been written for to be resumed by this run: everything the trained weights
     * depend on. The data is identified by {@link DataFingerprint}, the examples by their split's anchors and sizes.
     */
    static Map<String, String> runIdentity(PredictiveQuery query, GnnConfig config, String fingerprint,
                                                   TrainingSplits splits) {
        Map<String, String> id = new LinkedHashMap<>();
        id.put("query", query.text());
        // A hash of the config's canonical JSON: independent of how records print, changed by any field.
        id.put("model settings", config.identity());
        id.put("data", fingerprint);
        // The anchors hashed, not listed: a long training period has thousands, and the value must stay short.
        String anchors = splits.train().anchors() + " " + splits.val().anchors();
        id.put("split", "train " + splits.train().size() + " examples, val " + splits.val().size() + ", anchors "
                + java.util.HexFormat.of().formatHex(DataFingerprint.sha256()
                        .digest(anchors.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 0, 8));
        return id;
    }

    /** Removes the training checkpoint, if this run kept one; call it once the model bundle is safely written. */
    @Override
    public void discardCheckpoint() {
        if (checkpoint != null) {
            checkpoint.delete();
        }
    }

    /**
     * Platt scaling on the validation split for binary tasks, so propensities are probabilities a campaign can
     * budget with; null when validation lacks one of the classes (nothing to fit).
     *
     * @param outputs the uncalibrated outputs on {@code val}
     */
    private static PlattScaling fitCalibration(PredictionHead head, LabeledSeeds val, double[][] outputs) {
        if (head.taskType() != TaskType.BINARY || val.size() == 0) {
            return null;
        }
        boolean[] labels = TaskLabels.binary(val.labels());
        boolean pos = false;
        boolean neg = false;
        for (boolean b : labels) {
            pos |= b;
            neg |= !b;
        }
        if (!pos || !neg) {
            return null;
        }
        return PlattScaling.fitOnProbabilities(Matrices.firstColumn(outputs), labels);
    }

    /** The model's outputs, with the binary probability calibrated when a calibration was fitted. */
    private double[][] outputs(int[] rows, long[] times, IntConsumer scored) {
        return calibrated(trainer.predict(rows, times, scored));
    }

    /** Calibrates the binary probability of {@code out} in place when a calibration was fitted; returns it. */
    private double[][] calibrated(double[][] out) {
        return calibrated(calibration, out);
    }

    /** Calibrates the binary probability of {@code out} in place with {@code calibration} (null: none); returns it. */
    static double[][] calibrated(PlattScaling calibration, double[][] out) {
        if (calibration != null) {
            for (double[] row : out) {
                row[0] = calibration.apply(row[0]);
            }
        }
        return out;
    }

    /** Loads a bundle to score {@code db}, which must have the tables and columns the model was trained on. */
    public static GnnPredictor load(Path dir, Database db) throws IOException {
        return load(dir, db, null);
    }

    /**
     * {@link #load(Path, Database)}, its graph sharing what it can of {@code sharedGraph} (null for none):
     * {@link HeteroGraph#build(Database, HeteroGraph)}.
     */
    public static GnnPredictor load(Path dir, Database db, HeteroGraph sharedGraph) throws IOException {
        return open(ModelBundle.load(dir), dir, db, sharedGraph);
    }

    /**
     * The predictor of a bundle already read (from {@code dir}, named in messages), to score {@code db}, its graph
     * sharing what it can of {@code sharedGraph} (null for none). Ensembles open members they hold in memory so.
     */
    public static GnnPredictor open(ModelBundle bundle, Path dir, Database db, HeteroGraph sharedGraph) {
        BundleManifest info = bundle.manifest();
        if (info.taskType() == TaskType.RANKING) {
            throw new SchemaException("the model at " + dir + " ranks actions (next best action)",
                    "load it with GnnRanker.load; the CLI commands do this for you");
        }
        requireSameTables(bundle.encoding(), db);
        PredictiveQuery query = PredictiveQuery.parse(info.query(), db.schema());
        GnnConfig config = bundle.config();
        GnnPredictor p = new GnnPredictor(db, HeteroGraph.build(db, sharedGraph), query, config, bundle.head(),
                bundle.encoding(), config.readsLabelHistory() ? new LabelHistory(db, query, config.inputCutoffMs())
                        : null, bundle.weights(), info.metrics(), info.provenance());
        p.splits = info.splits();
        p.calibration = info.calibration();
        return p;
    }

    /** The model has one input encoder per table, so the data must have exactly the tables it was trained on. */
    static void requireSameTables(DatabaseEncoding encoding, Database db) {
        requireSameTables(encoding, db.tables().stream().map(t -> t.name()).toList());
    }

    /** {@link #requireSameTables(DatabaseEncoding, Database)} for data known by its table names. */
    static void requireSameTables(DatabaseEncoding encoding, List<String> tables) {
        List<String> trained = encoding.tables().stream().map(t -> t.table().toLowerCase(Locale.ROOT)).sorted().toList();
        List<String> now = tables.stream().map(t -> t.toLowerCase(Locale.ROOT)).sorted().toList();
        for (String t : trained) {
            if (!now.contains(t)) {
                throw new SchemaException("the model was trained with table '" + t + "', which the data no longer has",
                        "restore table '" + t + "' (and its schema.yaml entry), or retrain the model");
            }
        }
        for (String t : now) {
            if (!trained.contains(t)) {
                throw new SchemaException("the data has table '" + t + "', which the model was not trained with",
                        "remove table '" + t + "' from schema.yaml for this model, or retrain the model");
            }
        }
    }

    @Override
    public void save(Path dir, org.relgraph.io.ReplacePolicy replace) throws IOException {
        bundle().save(dir, replace);
    }

    /**
     * A data-parallel worker over a fresh copy of this predictor's model (its current weights; its own optimiser
     * and batch assembler), taking the steps {@link #train} takes: a worker opens the driver's {@link #bundle()}
     * against its own copy of the data and trains with this.
     */
    public ShardSteps shardSteps() {
        HeteroGnn copy = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, entityType,
                head.outputs());
        WeightCheckpoint.capture(model).restoreInto(copy);
        return new ShardSteps(copy, head, ShardSteps.BatchSource.sampling(assembler(graph, db, encoding, entityType)),
                config);
    }

    /** What {@link #save} writes, held in memory (weights copied): an ensemble keeps its members so. */
    public ModelBundle bundle() {
        BundleManifest manifest = BundleManifest.of(kind(), query, db, metrics, provenance, splits, calibration);
        return new ModelBundle(manifest, config, head, null, encoding, WeightCheckpoint.capture(model));
    }

    /**
     * The calibrated outputs training scored on the val and test splits (rows in the tables' order, as
     * {@link #outputs(TrainingTable)} gives them), so an ensemble averages them without scoring again; empty for
     * a loaded model.
     */
    public java.util.Optional<double[][][]> trainedOutputs() {
        return trainedValOutputs == null ? java.util.Optional.empty()
                : java.util.Optional.of(new double[][][] {trainedValOutputs, trainedTestOutputs});
    }

    /** The calibrated outputs on every example of {@code table}, in its order: what {@link #evaluate} measures. */
    public double[][] outputs(TrainingTable table) {
        LabeledSeeds seeds = seeds(table);
        return outputs(seeds.rows(), seeds.times(), done -> { });
    }

    /**
     * The entity's learned embedding for every example of {@code table}, in its order: the seed node's final hidden
     * state before the head, as of the example's anchor (capped by the input cutoff) like {@link #outputs}.
     */
    public float[][] embeddings(TrainingTable table) {
        LabeledSeeds seeds = seeds(table);
        return trainer.embed(seeds.rows(), seeds.times());
    }

    /**
     * {@link #evaluate}'s metrics of {@code scores}, calibrated outputs (of this model or an average of several)
     * on the examples whose labels are {@code labels}; just {@code count = 0} for none.
     */
    public static Map<String, Double> metrics(PredictionHead head, double[] labels, double[][] scores) {
        if (labels.length == 0) {
            return Map.of("count", 0.0);
        }
        MetricReport report = switch (head.taskType()) {
            case BINARY -> TaskMetrics.binary(Matrices.firstColumn(scores), TaskLabels.binary(labels));
            case REGRESSION -> TaskMetrics.regression(labels, Matrices.firstColumn(scores));
            case MULTICLASS -> {
                int[] truth = TaskLabels.classIndices(labels, head);
                int classes = head.classes().length;
                // A class unseen in training gets a probability-0 column, so it counts as a miss.
                double[][] probs = Arrays.stream(truth).anyMatch(k -> k == classes)
                        ? Arrays.stream(scores).map(r -> Arrays.copyOf(r, classes + 1)).toArray(double[][]::new)
                        : scores;
                yield MulticlassMetrics.report(truth, probs);
            }
            case RANKING -> throw new IllegalStateException("ranking models are GnnRanker, which evaluates itself");
        };
        return report.asMap();
    }

    /**
     * The task's metrics on {@code table} ({@link TaskMetrics} for binary and regression,
     * {@link MulticlassMetrics#report} for multiclass), name to value; just {@code count = 0} for an empty table.
     */
    @Override
    public Map<String, Double> evaluate(TrainingTable table) {
        if (table.size() == 0) {
            return Map.of("count", 0.0);
        }
        LabeledSeeds seeds = seeds(table);
        return metrics(seeds, outputs(seeds.rows(), seeds.times(), done -> { }));
    }

    /** {@link #evaluate}'s metrics of {@code scores}, the calibrated outputs on {@code seeds}. */
    private Map<String, Double> metrics(LabeledSeeds seeds, double[][] scores) {
        return metrics(head, seeds.labels(), scores);
    }

    /**
     * Scores entities with the data known at {@code asOfMs}: BINARY the probability, REGRESSION the predicted
     * value, MULTICLASS the most likely class's label code (see {@link #classProbabilities}).
     */
    @Override
    public double[] score(int[] entityRows, long asOfMs) {
        return score(entityRows, asOfMs, done -> { });
    }

    @Override
    public double[] score(int[] entityRows, long asOfMs, IntConsumer scored) {
        return pointScores(head, classProbabilities(entityRows, asOfMs, scored));
    }

    /** Per entity, {@link #score}'s one number of its calibrated output row {@code s[i]}. */
    static double[] pointScores(PredictionHead head, double[][] s) {
        double[] out = new double[s.length];
        double[] classes = head.classes();
        for (int i = 0; i < s.length; i++) {
            if (head.taskType() == TaskType.MULTICLASS) {
                int best = 0;
                for (int k = 1; k < s[i].length; k++) {
                    best = s[i][k] > s[i][best] ? k : best;
                }
                out[i] = classes[best];
            } else {
                out[i] = s[i][0];
            }
        }
        return out;
    }

    /** Per entity, the model's output row: for MULTICLASS the probability of each of {@link PredictionHead#classes()}. */
    public double[][] classProbabilities(int[] entityRows, long asOfMs) {
        return classProbabilities(entityRows, asOfMs, done -> { });
    }

    /** {@link #classProbabilities(int[], long)}, telling {@code scored} after each batch how many are scored. */
    public double[][] classProbabilities(int[] entityRows, long asOfMs, IntConsumer scored) {
        long[] times = new long[entityRows.length];
        for (int i = 0; i < entityRows.length; i++) {
            int r = entityRows[i];
            if (entityTimes != null && r >= 0 && r < entityTimes.length && entityTimes[r] > asOfMs) {
                throw new SchemaException("entity row " + r + " of " + query.entityTable() + " was created after "
                        + java.time.Instant.ofEpochMilli(asOfMs) + ", the time it is scored as of",
                        "score entities that exist at that time, or score as of a later time");
            }
            times[i] = asOfMs;
        }
        return outputs(entityRows, times, scored);
    }

    /**
     * Explains each entity's score as of {@code asOfMs} with integrated gradients over its sampled subgraph
     * ({@link IntegratedGradients#DEFAULT_STEPS} steps), keeping the {@code top} reasons (all when not positive).
     * Binary tasks explain the logit, regression the predicted value, multiclass the logit of the predicted
     * class. {@code progress} hears the number explained so far after each entity.
     */
    @Override
    public List<EntityExplanation> explain(int[] entityRows, long asOfMs, int top, IntConsumer progress) {
        return explain(entityRows, asOfMs, top, IntegratedGradients.DEFAULT_STEPS, progress);
    }

    /** {@link #explain(int[], long, int, IntConsumer)} with {@code steps} steps of the path integral. */
    public List<EntityExplanation> explain(int[] entityRows, long asOfMs, int top, int steps, IntConsumer progress) {
        double[][] outputs = classProbabilities(entityRows, asOfMs); // also refuses entities newer than asOfMs
        double[] scores = score(entityRows, asOfMs);
        int[] explained = new int[entityRows.length];
        Arrays.setAll(explained, i -> outputToExplain(outputs[i]));
        return explain(entityRows, asOfMs, explained, scores, top, steps, progress);
    }

    /**
     * {@link #explain(int[], long, int, IntConsumer)} of the given output per entity ({@code explained[i]}: 0 for
     * binary and regression, the class column for multiclass) with {@code scores} as the scores shown: an
     * ensemble explains the class it predicts, which a member may not. Keeps every reason when {@code top} is not
     * positive.
     */
    public List<EntityExplanation> explain(int[] entityRows, long asOfMs, int[] explained, double[] scores, int top,
                                           int steps, IntConsumer progress) {
        classProbabilities(entityRows, asOfMs); // refuses entities newer than asOfMs
        EntityExplainer explainer = explainer(steps);
        List<EntityExplanation> out = new ArrayList<>(entityRows.length);
        for (int i = 0; i < entityRows.length; i++) {
            int output = explained[i];
            out.add(explainer.explain(entityRows[i], asOfMs, output, explainedOutputName(head, output), scores[i],
                    top));
            progress.accept(i + 1);
        }
        return out;
    }

    /**
     * Per entity, the {@code k} related rows whose connection moved its explained output most (per-edge integrated
     * gradients, {@link IntegratedGradients#DEFAULT_STEPS} steps): about the cost of {@link #explain} again.
     */
    @Override
    public List<List<RowCredit>> explainRows(int[] entityRows, long asOfMs, int k) {
        double[][] outputs = classProbabilities(entityRows, asOfMs);
        int[] explained = new int[entityRows.length];
        Arrays.setAll(explained, i -> outputToExplain(outputs[i]));
        return explainRows(entityRows, asOfMs, explained, k);
    }

    /** {@link #explainRows(int[], long, int)} of the given output per entity (see {@link #explain(int[], long, int[], double[], int, int, IntConsumer)}). */
    public List<List<RowCredit>> explainRows(int[] entityRows, long asOfMs, int[] explained, int k) {
        classProbabilities(entityRows, asOfMs); // refuses entities newer than asOfMs
        EntityExplainer explainer = explainer(IntegratedGradients.DEFAULT_STEPS);
        List<List<RowCredit>> out = new ArrayList<>(entityRows.length);
        for (int i = 0; i < entityRows.length; i++) {
            out.add(explainer.rowCredits(entityRows[i], asOfMs, explained[i], k));
        }
        return out;
    }

    /** Binary and regression: output 0; multiclass: the predicted class's column. */
    private int outputToExplain(double[] probabilities) {
        return outputToExplain(head, probabilities);
    }

    /**
     * The output column explanations explain, from an entity's (calibrated) outputs: 0 for binary and regression,
     * the predicted class's column for multiclass.
     */
    public static int outputToExplain(PredictionHead head, double[] probabilities) {
        int output = 0;
        if (head.taskType() == TaskType.MULTICLASS) {
            for (int k = 1; k < probabilities.length; k++) {
                output = probabilities[k] > probabilities[output] ? k : output;
            }
        }
        return output;
    }

    /** What output column {@code output} is, for the reader: the logit, the predicted value, a class's logit. */
    public static String explainedOutputName(PredictionHead head, int output) {
        return head.taskType() == TaskType.REGRESSION ? "predicted value"
                : head.taskType() == TaskType.MULTICLASS ? "logit of class " + head.classes()[output] : "logit";
    }

    private EntityExplainer explainer(int steps) {
        if (explainer == null || explainer.steps() != steps) {
            explainer = new EntityExplainer(db, encoding, model, assembler(graph, db, encoding, entityType),
                    query.entityKey(), steps);
            if (labelHistory != null) {
                explainer.withLabelHistory(labelHistory);
            }
        }
        return explainer;
    }

    private LabeledSeeds seeds(TrainingTable table) {
        return LabeledSeeds.from(table, config, entityTimes);
    }

    /** The Platt scaling applied to binary outputs, fitted on the validation split. */
    public java.util.Optional<PlattScaling> calibration() {
        return java.util.Optional.ofNullable(calibration);
    }

    /**
     * Category values of the data this predictor scores that the model never learned (new since training, or too
     * rare in it): they are encoded as the unknown category rather than refused, and a caller should say so.
     */
    @Override
    public List<String> unknownCategoryNotes() {
        return encoding.unknownCategories(db).stream().map(UnknownCategories::describe).toList();
    }

    /** The anchors of the train/val/test tables this model was built with (null for a hand-made bundle). */
    @Override
    public SplitAnchors splitAnchors() {
        return splits;
    }

    @Override
    public String kind() {
        return GnnKind.INSTANCE.name();
    }

    @Override
    public PredictiveQuery query() {
        return query;
    }

    public GnnConfig config() {
        return config;
    }

    public PredictionHead head() {
        return head;
    }

    @Override
    public void recordMetrics(Map<String, Double> measured) {
        metrics.putAll(measured);
    }

    @Override
    public java.util.Optional<HeteroGraph> sampledGraph() {
        return java.util.Optional.of(graph);
    }

    @Override
    public int inputHops() {
        return config.layers();
    }

    @Override
    public Map<String, Double> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }

    public Provenance provenance() {
        return provenance;
    }

    /** After a refit: where its val and test metrics come from, since they come from two different models. */
    @Override
    public List<String> trainingNotes() {
        Double epochs = metrics.get("refit_epochs");
        return provenance.refit() == null || epochs == null ? List.of()
                : List.of(String.format(Locale.ROOT, "Refit on train + val for %.0f epochs: val_* metrics are the "
                        + "early-stopped run's (the saved model has seen val), test_* the refit model's", epochs));
    }

    @Override
    public void close() {
        trainer.close();
    }

}
