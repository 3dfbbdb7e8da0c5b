package org.relgraph.models.baseline;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.relgraph.query.RankingSeeds;
import org.relgraph.metrics.PlattScaling;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.bundle.DataFingerprint;
import org.relgraph.models.bundle.Provenance;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.models.rank.ActionEligibility;
import org.relgraph.models.rank.ActionRanker;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.models.rank.PopularityRanker;
import org.relgraph.models.rank.RankingEvaluation;
import org.relgraph.models.rank.RankingExamples;
import org.relgraph.models.rank.ShownCandidateCalibration;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitLabelCheck;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * {@code flat-xgboost} for ARGMAX (next best action) queries: a {@link FlatXgboostRanker} behind the same
 * {@link ActionRanker} contract as the GNN ranker, so {@code evaluate}, {@code predict} and the suite treat the two
 * alike. Fitted on train with early stopping on val; PROPENSITY is Platt-calibrated on validation's shown candidates
 * ({@link ShownCandidateCalibration}); val and test are reported with {@link RankingEvaluation} (MAP / NDCG / hit
 * @k, shown AUROC) next to the popularity baseline; saved as a checksummed bundle ({@link BundleFolder}) whose files are
 * XGBoost's model, the feature spec and the action space.
 */
public final class FlatXgboostRankingModel implements ActionRanker {
    private final Database db;
    private final PredictiveQuery query;
    private final FlatXgboostRanker ranker;
    private final ActionEligibility eligibility;
    private final Map<String, Double> metrics;
    private final Provenance provenance;
    private SplitAnchors splits;
    private PlattScaling calibration;

    private FlatXgboostRankingModel(Database db, PredictiveQuery query, FlatXgboostRanker ranker,
                                    Map<String, Double> metrics, Provenance provenance) {
        this.db = db;
        this.query = query;
        this.ranker = ranker;
        try {
            this.eligibility = ActionEligibility.of(db, query, ranker.actions());
        } catch (RuntimeException e) {
            ranker.close();
            throw e;
        }
        this.metrics = new LinkedHashMap<>(metrics);
        this.provenance = provenance;
    }

    /**
     * Builds the action space from the training rows, fits on train (val for early stopping and calibration only)
     * and records val and test metrics plus {@code train_seconds}.
     *
     * @param featureCutoffMs no input row after this time, whatever the anchor ({@link FeatureOptions#NO_CUTOFF})
     * @throws SchemaException for a query that is not ARGMAX, or without training examples
     */
    public static FlatXgboostRankingModel train(Database db, PredictiveQuery query, TrainingSplits splits, long seed,
                                                int threads, long featureCutoffMs, Consumer<String> progress) {
        if (!ActionSpace.applies(query)) {
            throw new SchemaException("flat-xgboost ranks the actions of ARGMAX queries; this is a "
                    + query.taskType().toString().toLowerCase(Locale.ROOT) + " query of another kind",
                    "use --kind cf for LIST_DISTINCT queries");
        }
        // Before any fitting: a split of one class or no rows would train for nothing and report n/a.
        SplitLabelCheck.requireLearnable(db, query, splits);
        long t0 = System.nanoTime();
        ActionSpace actions = ActionSpace.forArgMax(query, db, splits.train());
        FlatXgboostRanker ranker = new FlatXgboostRanker(db, actions,
                FeatureOptions.defaults().withFeatureCutoff(featureCutoffMs),
                XgboostSettings.defaults().withSeed(seed).withThreads(threads));
        FlatXgboostRankingModel m = new FlatXgboostRankingModel(db, query, ranker, Map.of(),
                Provenance.now(DataFingerprint.of(db), seed));
        try {
            RankingSeeds train = m.seeds(splits.train());
            RankingSeeds val = m.seeds(splits.val());
            progress.accept(String.format(Locale.ROOT, "%s: features and fit on %,d train examples × %d actions "
                    + "(%s)", FlatXgboostKind.INSTANCE, train.size(), actions.size(),
                    String.join(" × ", actions.columns())));
            ranker.fit(query.entityTable(), splits.train(), train, splits.val(), val);
            FitTimings timings = ranker.lastFitTimings();
            m.metrics.put("train_seconds", (System.nanoTime() - t0) / 1e9);
            m.metrics.put("feature_seconds", timings.featureMillis() / 1e3);
            m.metrics.put("actions", (double) actions.size());
            m.metrics.put("features", (double) timings.features());
            m.metrics.put("rounds", (double) timings.rounds());
            double[][] valScores = ranker.scores(splits.val());
            m.calibration = ShownCandidateCalibration.fit(val, valScores);
            if (m.calibration != null) {
                progress.accept(FlatXgboostKind.INSTANCE + ": propensity Platt-calibrated on validation's shown "
                        + "candidates");
            }
            m.splits = SplitAnchors.of(splits);
            progress.accept(FlatXgboostKind.INSTANCE + ": evaluating val and test");
            PopularityRanker popularity = PopularityRanker.fit(train, actions.size());
            RankingEvaluation.record(m.metrics, "val", val, valScores, popularity);
            RankingSeeds test = m.seeds(splits.test());
            if (test.size() > 0) {
                RankingEvaluation.record(m.metrics, "test", test, ranker.scores(splits.test()), popularity);
            }
            return m;
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** Ranking metrics ({@link RankingEvaluation}) on an ARGMAX table; {@code count = 0} when empty. */
    @Override
    public Map<String, Double> evaluate(TrainingTable table) {
        if (table.size() == 0) {
            return Map.of("count", 0.0);
        }
        return RankingEvaluation.report(seeds(table), ranker.scores(table));
    }

    /**
     * The entity features are computed once and masked on the matrix. The evaluation itself (labels, the candidates
     * an OFFERING rule allows) is read from the data unmasked: the audit asks how much the model's inputs matter,
     * not how the answer key changes.
     */
    @Override
    public Optional<Function<InputMask, Map<String, Double>>> maskedEvaluation(TrainingTable table) {
        if (table.size() == 0) {
            return Optional.empty();
        }
        RankingSeeds seeds = seeds(table);
        Function<InputMask, double[][]> scores = ranker.maskedScores(table);
        return Optional.of(mask -> RankingEvaluation.report(seeds, scores.apply(mask)));
    }

    /** Point-in-time features as of {@code asOfMs}, every action scored, Platt-calibrated. */
    @Override
    public double[][] scoreActions(int[] entityRows, long asOfMs) {
        return ShownCandidateCalibration.apply(calibration, ranker.scores(entityRows, asOfMs));
    }

    @Override
    public boolean[][] eligibleActions(int[] entityRows, long asOfMs) {
        return eligibility.asOf(entityRows, asOfMs);
    }

    @Override
    public ActionSpace actions() {
        return ranker.actions();
    }

    /** Total gain per feature (action components are {@code action_<column>}). */
    public Map<String, Double> featureImportance() {
        return ranker.featureImportance();
    }

    private RankingSeeds seeds(TrainingTable table) {
        return RankingExamples.of(table, ranker.actions(), db.table(query.targetTable()), eligibility);
    }

    @Override
    public void save(Path dir, org.relgraph.io.ReplacePolicy replace) {
        BundleManifest manifest = BundleManifest.of(kind(), query, db, metrics, provenance, splits, calibration);
        try {
            BundleFolder.write(dir, kind() + " baseline bundle", manifest, replace, ranker::saveInto);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write the model folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A flat-xgboost ranking bundle whose {@code bundle.json} has already been verified and read. */
    static FlatXgboostRankingModel load(Path dir, BundleManifest manifest, Database db) {
        PredictiveQuery query = PredictiveQuery.parse(manifest.query(), db.schema());
        FlatXgboostRankingModel m = new FlatXgboostRankingModel(db, query, FlatXgboostRanker.load(dir, db),
                manifest.metrics(), manifest.provenance());
        m.splits = manifest.splits();
        m.calibration = manifest.calibration();
        return m;
    }

    @Override
    public String kind() {
        return FlatXgboostKind.INSTANCE.name();
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
        return FlatXgboostKind.INSTANCE.inputHops(null);
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
        ranker.close();
    }
}
