package org.relgraph.models.gnn;

import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.bundle.DataFingerprint;
import org.relgraph.models.bundle.Provenance;
import org.relgraph.models.bundle.SplitAnchors;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.explain.IntegratedGradients;
import org.relgraph.gnn.model.ActionScorerKind;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.model.RankingGnn;
import org.relgraph.query.RankingSeeds;
import org.relgraph.gnn.train.RankingTrainer;
import org.relgraph.gnn.train.TrainingCheckpoint;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingResult;
import org.relgraph.gnn.train.TrainingState;
import org.relgraph.gnn.train.WeightCheckpoint;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.metrics.PlattScaling;
import org.relgraph.models.explain.EntityExplainer;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.ExplainableModel;
import org.relgraph.models.explain.RowCredit;
import org.relgraph.models.rank.ActionEligibility;
import org.relgraph.models.rank.ActionRanker;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.models.rank.PopularityRanker;
import org.relgraph.models.rank.RankingEvaluation;
import org.relgraph.models.rank.RankingExamples;
import org.relgraph.models.rank.SeedActionHistory;
import org.relgraph.models.rank.ShownCandidateCalibration;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitLabelCheck;
import org.relgraph.query.Target;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.table.Database;

/**
 * A next-best-action GNN for one ARGMAX query: trains a {@link RankingGnn} over the query's {@link ActionSpace},
 * evaluates it (and the popularity baseline) with ranking metrics, scores every action for entities as of a time
 * with calibrated acceptance probabilities, and saves to / loads from a {@link ModelBundle} like
 * {@link GnnPredictor}. Holds a background batch thread: close it. Score from one thread at a time.
 */
public final class GnnRanker implements ActionRanker, ExplainableModel {
    /**
     * The action scorer when the config leaves it open: on the demo's bank it lifted validation MAP@3 from 0.290
     * (DOT) to 0.350, above flat XGBoost's 0.319 (docs/MODEL-TUNING.md, "Next best action").
     */
    public static final ActionScorerKind DEFAULT_SCORER = ActionScorerKind.MLP_HISTORY;
    private final Database db;
    private final PredictiveQuery query;
    private final GnnConfig config;
    private final DatabaseEncoding encoding;
    private final ActionSpace actions;
    private final RankingGnn model;
    private final RankingTrainer trainer;
    private final long[] entityTimes;
    private final Map<String, Double> metrics;
    private final Provenance provenance;
    private final HeteroGraph graph;
    private final String entityType;
    private final SeedActionHistory history; // null unless the scorer reads it
    private final ActionEligibility eligibility;
    private SplitAnchors splits;
    private PlattScaling calibration;
    private EntityExplainer explainer;
    private TrainingCheckpoint checkpoint; // null unless this run keeps one

    private GnnRanker(Database db, HeteroGraph graph, PredictiveQuery query, GnnConfig config,
                      DatabaseEncoding encoding, ActionSpace actions, WeightCheckpoint weights,
                      Map<String, Double> metrics, Provenance provenance, RankingTrainer.Options options) {
        this.db = db;
        this.query = query;
        this.config = config;
        this.encoding = encoding;
        this.actions = actions;
        this.graph = graph;
        this.entityType = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase(query.entityTable()))
                .findFirst().orElseThrow();
        if (config.actionScorer() == ActionScorerKind.MLP_HISTORY) {
            String targetType = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase(query.targetTable()))
                    .findFirst().orElseThrow();
            this.history = new SeedActionHistory(query, actions, db.table(query.targetTable()), targetType,
                    entityType, db, BatchAssembler.edgeKeys(graph));
        } else {
            this.history = null;
        }
        this.model = new RankingGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, entityType,
                actions.vocabulary(), actions.codes(), false, history == null ? 0 : history.width());
        if (weights != null) {
            weights.restoreInto(model);
        }
        this.trainer = new RankingTrainer(model, assembler(), config, options, true);
        this.entityTimes = graph.nodeTimes(entityType);
        this.eligibility = query.target() instanceof Target.ArgMax ? ActionEligibility.of(db, query, actions)
                : ActionEligibility.everyAction();
        this.metrics = new LinkedHashMap<>(metrics);
        this.provenance = provenance;
    }

    /**
     * Fits input statistics on what training may see, builds the action space from the training rows, trains with
     * early stopping on validation MAP@3, calibrates on validation, and records val/test metrics of the GNN and of
     * the popularity baseline ({@code val_popularity_map@3}, …) for comparison.
     *
     * A LIST_DISTINCT query ranks the parent rows its training labels reference ({@link
     * ActionSpace#forListDistinct}), stops early on validation MAP at its {@code RANK TOP k} and reports the metrics
     * collaborative filtering reports for it.
     *
     * @throws SchemaException for a query that is neither ARGMAX nor LIST_DISTINCT
     */
    public static GnnRanker train(Database db, PredictiveQuery query, TrainingSplits splits, GnnConfig config,
                                  TrainingListener listener) {
        return train(db, query, splits, config, RankingTrainer.Options.DEFAULT, listener);
    }

    /**
     * {@link #train} saving a checkpoint after every epoch; with {@link Checkpointing#resume()} it continues from
     * the checkpoint and ends with the model and metrics an uninterrupted run would have given. Call
     * {@link #discardCheckpoint} once the model is saved.
     *
     * @throws SchemaException when resuming and there is no checkpoint, or it belongs to another query, model
     *                         settings, data, split or ranking options, or it is damaged
     */
    public static GnnRanker train(Database db, PredictiveQuery query, TrainingSplits splits, GnnConfig config,
                                  TrainingListener listener, Checkpointing checkpointing) {
        return train(db, query, splits, config, RankingTrainer.Options.DEFAULT, listener, checkpointing);
    }

    /** {@link #train} with explicit negative sampling. */
    public static GnnRanker train(Database db, PredictiveQuery query, TrainingSplits splits, GnnConfig config,
                                  RankingTrainer.Options options, TrainingListener listener) {
        return train(db, query, splits, config, options, listener, Checkpointing.none());
    }

    /** {@link #train} with explicit negative sampling and checkpointing. */
    public static GnnRanker train(Database db, PredictiveQuery query, TrainingSplits splits, GnnConfig config,
                                  RankingTrainer.Options options, TrainingListener listener,
                                  Checkpointing checkpointing) {
        GnnRankerKind.INSTANCE.requireFits(query);
        boolean list = query.target() instanceof Target.ListDistinct;
        // Before any fitting: a split of one class or no rows would train for nothing and report n/a.
        SplitLabelCheck.requireLearnable(db, query, splits);
        long latestInput = config.inputTime(splits.train().anchors().stream().mapToLong(Long::longValue).max()
                .orElseThrow());
        if (config.actionScorer() == null) {
            config = config.withActionScorer(DEFAULT_SCORER);
        }
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, latestInput,
                EncodingConfig.defaults().withChildActivity(config.childSummariesOr(false))
                        .withActivityWindowSums(config.extendedChildSummariesOn()));
        int[] referenced = {0};
        ActionSpace actions = list
                ? ActionSpace.forListDistinct(query, db, splits.train(), ActionSpace.MAX_LIST_CANDIDATES, referenced)
                : ActionSpace.forArgMax(query, db, splits.train());
        if (list) {
            // Early stopping watches MAP at the query's own cutoff, the metric reported for it.
            options = new RankingTrainer.Options(options.negatives(), options.negativeWeight(), listK(query),
                    options.objective());
        }
        String fingerprint = DataFingerprint.of(db);
        TrainingCheckpoint checkpoint = null;
        if (checkpointing.dir() != null) {
            Map<String, String> identity = GnnPredictor.runIdentity(query, config, fingerprint, splits);
            identity.put("ranking options", options.canonical());
            checkpoint = new TrainingCheckpoint(checkpointing.dir(), identity);
        }
        TrainingState resumeFrom = checkpointing.resumeState(checkpoint);
        GnnRanker r = new GnnRanker(db, HeteroGraph.build(db), query, config, encoding, actions, null, Map.of(),
                Provenance.now(fingerprint, config.seed()), options);
        r.checkpoint = checkpoint;
        RankingSeeds train = r.seeds(splits.train());
        RankingSeeds val = r.seeds(splits.val());
        r.model.initActionBias(priorLogits(train, actions.size()));
        TrainingResult result;
        try {
            result = r.trainer.fit(train, val, listener, resumeFrom,
                    checkpoint == null ? state -> { } : checkpoint::save);
        } catch (RuntimeException | Error e) {
            r.close();
            throw e;
        }
        // The validation pass that chose the weights already scored validation (unless resumed past it).
        double[][] valScores = r.trainer.bestValidationOutputs(val, listener);
        r.calibration = ShownCandidateCalibration.fit(val, valScores);
        r.splits = SplitAnchors.of(splits);
        r.metrics.put("best_epoch", (double) result.bestEpoch());
        r.metrics.put("actions", (double) actions.size());
        if (list) {
            r.metrics.put("referenced_in_training", (double) referenced[0]);
        }
        PopularityRanker popularity = PopularityRanker.fit(train, actions.size());
        r.record("val", val, valScores, popularity);
        RankingSeeds test = r.seeds(splits.test());
        if (test.size() > 0) {
            r.record("test", test, r.trainer.predict(test.rows(), test.times(),
                    done -> listener.onScoring("test", done, test.size())), popularity);
        }
        return r;
    }

    /** Removes the training checkpoint, if this run kept one; call it once the model bundle is safely written. */
    @Override
    public void discardCheckpoint() {
        if (checkpoint != null) {
            checkpoint.delete();
        }
    }

    private void record(String split, RankingSeeds seeds, double[][] scores, PopularityRanker popularity) {
        if (ranksLinks()) {
            RankingEvaluation.recordList(metrics, split, seeds, scores, popularity, listK(query));
        } else {
            RankingEvaluation.record(metrics, split, seeds, scores, popularity);
        }
    }

    /** The {@code RANK TOP k} of a LIST_DISTINCT query. */
    private static int listK(PredictiveQuery query) {
        return ((Target.ListDistinct) query.target()).topK();
    }

    /**
     * Whether the query is LIST_DISTINCT: the candidates are parent rows (one component, the foreign key, valued
     * by the referenced row's key) rather than action tuples, the output is a recommendation list, and scores are
     * the raw probability that the entity references the row in the window (there is no "shown" to calibrate on).
     */
    public boolean ranksLinks() {
        return query.target() instanceof Target.ListDistinct;
    }

    /** An ARGMAX ranker scores actions; a LIST_DISTINCT one recommends referenced rows instead. */
    @Override
    public java.util.Optional<ActionRanker> asActionRanker() {
        return ranksLinks() ? java.util.Optional.empty() : java.util.Optional.of(this);
    }

    /** A LIST_DISTINCT ranker: each entity's best referenced rows, as many as the query's {@code RANK TOP k}. */
    @Override
    public java.util.Optional<org.relgraph.models.rank.ItemRecommender> asItemRecommender() {
        if (!ranksLinks()) {
            return java.util.Optional.empty();
        }
        int k = ((Target.ListDistinct) query.target()).topK();
        return java.util.Optional.of(new org.relgraph.models.rank.ItemRecommender() {
            @Override
            public String candidates() {
                return actions().size() + " candidate referenced rows " + actions().columns();
            }

            @Override
            public List<List<String>> recommend(int[] entityRows, long asOfMs, double[] bestScores) {
                return GnnRanker.this.recommend(entityRows, asOfMs, k, bestScores, done -> { });
            }

            @Override
            public List<List<String>> recommend(int[] entityRows, long asOfMs, double[] bestScores,
                                                IntConsumer scored) {
                return GnnRanker.this.recommend(entityRows, asOfMs, k, bestScores, scored);
            }
        });
    }

    /**
     * Per entity, its {@code n} best candidates as of {@code asOfMs}, best first, as keys of the referenced rows
     * (LIST_DISTINCT) or action labels (ARGMAX); {@code bestScores} receives each entity's best score.
     */
    public List<List<String>> recommend(int[] entityRows, long asOfMs, int n, double[] bestScores) {
        return recommend(entityRows, asOfMs, n, bestScores, done -> { });
    }

    /** {@link #recommend(int[], long, int, double[])}, telling {@code scored} after each batch how many are scored. */
    public List<List<String>> recommend(int[] entityRows, long asOfMs, int n, double[] bestScores,
                                        IntConsumer scored) {
        double[][] p = scoreActions(entityRows, asOfMs, scored);
        boolean[][] eligible = eligibleActions(entityRows, asOfMs);
        List<List<String>> out = new ArrayList<>(entityRows.length);
        for (int i = 0; i < p.length; i++) {
            int[] order = RankingTrainer.ranked(p[i], eligible == null ? null : eligible[i]);
            List<String> items = new ArrayList<>();
            for (int j = 0; j < Math.min(n, order.length); j++) {
                items.add(label(order[j]));
            }
            out.add(items);
            bestScores[i] = order.length == 0 ? Double.NaN : p[i][order[0]];
        }
        return out;
    }

    /**
     * Per action, the log-odds that it is accepted by a seed in its window — accepted count / seeds, smoothed by half
     * a positive — so the untrained model ranks like the popularity baseline (which also counts repeats and breaks
     * ties by exposure, so the orders can differ slightly), and early stopping, which lets the starting weights
     * compete, keeps nothing worse than that on validation.
     */
    static double[] priorLogits(RankingSeeds train, int actions) {
        double[] accepted = new double[actions];
        for (int i = 0; i < train.size(); i++) {
            for (int a : train.relevant(i)) {
                if (a >= 0) {
                    accepted[a]++;
                }
            }
        }
        double[] logits = new double[actions];
        for (int a = 0; a < actions; a++) {
            double rate = (accepted[a] + 0.5) / (train.size() + 1.0);
            logits[a] = Math.log(rate / (1 - rate));
        }
        return logits;
    }

    /** Loads a ranking bundle to score {@code db}, which must have the tables and columns it was trained on. */
    public static GnnRanker load(ModelBundle bundle, Database db) {
        return load(bundle, db, null);
    }

    /**
     * {@link #load(ModelBundle, Database)}, its graph sharing what it can of {@code sharedGraph} (null for none):
     * {@link HeteroGraph#build(Database, HeteroGraph)}.
     */
    public static GnnRanker load(ModelBundle bundle, Database db, HeteroGraph sharedGraph) {
        BundleManifest info = bundle.manifest();
        if (info.taskType() != TaskType.RANKING || bundle.actions() == null) {
            throw new SchemaException("the model bundle predicts " + info.taskType() + ", not next best action",
                    "load it with GnnPredictor.load; the CLI commands do this for you");
        }
        GnnPredictor.requireSameTables(bundle.encoding(), db);
        PredictiveQuery query = PredictiveQuery.parse(info.query(), db.schema());
        // Bundles saved before the scorer was a choice have none recorded and were all dot scorers.
        GnnConfig config = bundle.config().actionScorer() == null
                ? bundle.config().withActionScorer(ActionScorerKind.DOT) : bundle.config();
        GnnRanker r = new GnnRanker(db, HeteroGraph.build(db, sharedGraph), query, config, bundle.encoding(),
                bundle.actions(), bundle.weights(), info.metrics(), info.provenance(), RankingTrainer.Options.DEFAULT);
        r.splits = info.splits();
        r.calibration = info.calibration();
        return r;
    }

    /** Category values of today's data the model never saw in training; they are scored as the unknown category. */
    @Override
    public java.util.List<String> unknownCategoryNotes() {
        return encoding.unknownCategories(db).stream().map(org.relgraph.gnn.encode.UnknownCategories::describe)
                .toList();
    }

    @Override
    public String kind() {
        return GnnRankerKind.INSTANCE.name();
    }

    /** The candidates and the scorer, e.g. "; 24 candidate actions [channel, offer_shown], dot action scorer". */
    @Override
    public String trainedSummary() {
        return String.format(java.util.Locale.ROOT, "; %d candidate %s %s, %s action scorer", actions.size(),
                ranksLinks() ? "referenced rows" : "actions", actions.columns(), config.actionScorer());
    }

    /** LIST_DISTINCT: how many referenced rows the labels name beyond the candidates, which are never recommended. */
    @Override
    public java.util.List<String> trainingNotes() {
        double referenced = metrics.getOrDefault("referenced_in_training", Double.NaN);
        if (ranksLinks() && referenced > actions.size()) {
            return java.util.List.of(String.format(java.util.Locale.ROOT, "note: the training labels reference %,.0f "
                    + "rows; the %,d most often referenced are the candidates, the rest are never recommended",
                    referenced, actions.size()));
        }
        return java.util.List.of();
    }

    @Override
    public void save(Path dir, org.relgraph.io.ReplacePolicy replace) throws IOException {
        BundleManifest manifest = BundleManifest.of(kind(), query, db, metrics, provenance, splits, calibration);
        new ModelBundle(manifest, config, new PredictionHead(TaskType.RANKING, 1, 0, 1, null), actions, encoding,
                WeightCheckpoint.capture(model)).save(dir, replace);
    }

    /** Ranking metrics ({@link RankingEvaluation}) of the model on an ARGMAX table; {@code count = 0} when empty. */
    @Override
    public Map<String, Double> evaluate(TrainingTable table) {
        RankingSeeds seeds = seeds(table);
        if (seeds.size() == 0) {
            return Map.of("count", 0.0);
        }
        double[][] scores = trainer.predict(seeds.rows(), seeds.times());
        return ranksLinks() ? RankingEvaluation.reportList(seeds, scores, listK(query))
                : RankingEvaluation.report(seeds, scores);
    }

    @Override
    public boolean[][] eligibleActions(int[] entityRows, long asOfMs) {
        return eligibility.asOf(entityRows, asOfMs);
    }

    /** Refuses entities created after {@code asOfMs}; Platt-calibrated as {@link ShownCandidateCalibration}. */
    @Override
    public double[][] scoreActions(int[] entityRows, long asOfMs) {
        return scoreActions(entityRows, asOfMs, done -> { });
    }

    @Override
    public double[][] scoreActions(int[] entityRows, long asOfMs, IntConsumer scored) {
        long[] times = new long[entityRows.length];
        for (int i = 0; i < entityRows.length; i++) {
            int r = entityRows[i];
            if (entityTimes != null && r >= 0 && r < entityTimes.length && entityTimes[r] > asOfMs) {
                throw new SchemaException("entity row " + r + " of " + query.entityTable() + " was created after "
                        + Instant.ofEpochMilli(asOfMs) + ", the time it is scored as of",
                        "score entities that exist at that time, or score as of a later time");
            }
            times[i] = asOfMs;
        }
        return ShownCandidateCalibration.apply(calibration, trainer.predict(entityRows, times, scored));
    }

    /**
     * Explains each entity's recommended action — the action of its highest {@link #scoreActions score} — as of
     * {@code asOfMs}: integrated gradients ({@link IntegratedGradients#DEFAULT_STEPS} steps) of that action's logit
     * over the entity's sampled subgraph, the action held fixed along the path, grouped into the {@code top}
     * reasons (all when not positive). The score of each explanation is the action's acceptance probability.
     */
    @Override
    public List<EntityExplanation> explain(int[] entityRows, long asOfMs, int top, IntConsumer progress) {
        return explain(entityRows, asOfMs, top, IntegratedGradients.DEFAULT_STEPS, progress);
    }

    /** {@link #explain(int[], long, int, IntConsumer)} with {@code steps} steps of the path integral. */
    public List<EntityExplanation> explain(int[] entityRows, long asOfMs, int top, int steps, IntConsumer progress) {
        double[][] p = scoreActions(entityRows, asOfMs); // also refuses entities newer than asOfMs
        boolean[][] eligible = eligibleActions(entityRows, asOfMs);
        List<EntityExplanation> out = new ArrayList<>(entityRows.length);
        for (int i = 0; i < entityRows.length; i++) {
            int best = recommendedAction(entityRows[i], asOfMs, p[i], eligible == null ? null : eligible[i]);
            out.add(explainAction(entityRows[i], asOfMs, best, p[i][best], top, steps));
            progress.accept(i + 1);
        }
        return out;
    }

    /**
     * Explains the logit of one given action (of {@link #actions()}) for one entity, e.g. to compare why two
     * actions score as they do; {@code score} is what the user sees for it (its acceptance probability).
     */
    public EntityExplanation explainAction(int entityRow, long asOfMs, int action, double score, int top,
                                           int steps) {
        if (action < 0 || action >= actions.size()) {
            throw new IllegalArgumentException("action " + action + " of " + actions.size());
        }
        String label = label(action);
        return explainer(steps).explain(entityRow, asOfMs, action, "logit of " + label, score, top)
                .withAction(label);
    }

    /**
     * The action as the NBA table reads it: what to do, then how (the channel component last), joined by " / ",
     * e.g. "Credit Card / mobile app".
     */
    public String label(int action) {
        List<String> values = actions.actions().get(action);
        int channel = values.size() > 1 ? actions.channelComponent() : -1;
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < values.size(); c++) {
            if (c != channel) {
                parts.add(values.get(c));
            }
        }
        if (channel >= 0) {
            parts.add(values.get(channel));
        }
        return String.join(" / ", parts);
    }

    /**
     * Per entity, the {@code k} related rows whose connection moved its recommended action's logit most (per-edge
     * integrated gradients): about the cost of {@link #explain} again.
     */
    @Override
    public List<List<RowCredit>> explainRows(int[] entityRows, long asOfMs, int k) {
        double[][] p = scoreActions(entityRows, asOfMs);
        boolean[][] eligible = eligibleActions(entityRows, asOfMs);
        EntityExplainer e = explainer(IntegratedGradients.DEFAULT_STEPS);
        List<List<RowCredit>> out = new ArrayList<>(entityRows.length);
        for (int i = 0; i < entityRows.length; i++) {
            int best = recommendedAction(entityRows[i], asOfMs, p[i], eligible == null ? null : eligible[i]);
            out.add(e.rowCredits(entityRows[i], asOfMs, best, k));
        }
        return out;
    }

    /**
     * The action {@link org.relgraph.models.predict.NextBestActionTable} recommends: the first eligible action of
     * the highest score.
     *
     * @throws SchemaException when the query's OFFERING rule leaves the entity no action
     */
    private int recommendedAction(int entityRow, long asOfMs, double[] scores, boolean[] eligible) {
        int best = ActionRanker.bestAction(scores, eligible);
        if (best < 0) {
            var entities = db.table(query.entityTable());
            throw new SchemaException(query.entityTable() + " " + entities.requireColumn(query.entityKey())
                    .format(entityRow) + " may be offered none of the " + actions.size() + " actions as of "
                    + Instant.ofEpochMilli(asOfMs) + " (the query's OFFERING rule leaves them all out)",
                    "explain an entity that predict recommends something to");
        }
        return best;
    }

    private EntityExplainer explainer(int steps) {
        if (explainer == null || explainer.steps() != steps) {
            explainer = new EntityExplainer(db, encoding, model, assembler(), query.entityKey(), steps)
                    .withActionFeatures(history);
        }
        return explainer;
    }

    private BatchAssembler assembler() {
        BatchAssembler a = BatchAssembler.create(graph, db, encoding, entityType, config.samplerConfig());
        return history == null ? a : a.withActionFeatures(history);
    }

    private RankingSeeds seeds(TrainingTable table) {
        if (ranksLinks()) {
            return RankingExamples.ofList(table, actions, config, entityTimes);
        }
        return RankingExamples.of(table, actions, db.table(query.targetTable()), config, entityTimes, eligibility);
    }

    @Override
    public ActionSpace actions() {
        return actions;
    }

    @Override
    public PredictiveQuery query() {
        return query;
    }

    public GnnConfig config() {
        return config;
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

    @Override
    public SplitAnchors splitAnchors() {
        return splits;
    }

    public Optional<PlattScaling> calibration() {
        return Optional.ofNullable(calibration);
    }

    @Override
    public void close() {
        trainer.close();
    }
}
