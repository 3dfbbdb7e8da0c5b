package org.relgraph.models.rank;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.relgraph.metrics.BinaryMetrics;
import org.relgraph.metrics.MetricReport;
import org.relgraph.metrics.RankingMetrics;
import org.relgraph.models.EntityModel;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.models.bundle.BundleManifest;
import org.relgraph.models.bundle.DataFingerprint;
import org.relgraph.models.bundle.Provenance;
import org.relgraph.models.bundle.SplitAnchors;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitLabelCheck;
import org.relgraph.query.Target;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * Collaborative filtering for ranking queries (ARGMAX next-best-action and LIST_DISTINCT links): per (entity,
 * anchor) every item is scored from interactions strictly before the anchor — the entity's own past items,
 * item-item co-occurrence with them, and popularity for entities with no history — and ranked. The mix of the
 * three is the one with the best train MAP@k among {@link CfWeights#GRID}; nothing else is learnt, so the bundle
 * holds only the weights and reads history from the data when scoring.
 *
 * <p>Metrics: {@code map@k}, {@code ndcg@k}, {@code hit@k}, {@code precision@k}, {@code recall@k} with k the query's
 * {@code RANK TOP k} (LIST_DISTINCT) or {@value #ARGMAX_K} (ARGMAX); ARGMAX also reports {@code candidate_auroc}:
 * how well the score of a shown candidate's action separates accepted from rejected candidates.
 */
public final class CfModel implements EntityModel {
    static final int ARGMAX_K = 3;
    static final String FILE = "cf.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final PredictiveQuery query;
    private final ActionSpace actions;
    private final ActionSpace.Lookup actionLookup;
    private final InteractionHistory history;
    private final int k;
    private final Map<String, Double> metrics;
    private final Provenance provenance;
    private final Map<Long, Snapshot> snapshots = new HashMap<>();
    private final ActionEligibility eligibility;
    private CfWeights weights;

    private SplitAnchors splits;

    /** @param actions the ARGMAX action space (from training rows only), null for LIST_DISTINCT */
    private CfModel(Database db, PredictiveQuery query, ActionSpace actions, Map<String, Double> metrics,
                    Provenance provenance) {
        this.db = db;
        this.query = query;
        this.actions = actions;
        this.actionLookup = actions == null ? null : actions.lookup(db.table(actions.table()));
        this.history = InteractionHistory.of(db, query, actions);
        this.eligibility = ActionEligibility.of(db, query, actions);
        this.k = query.target() instanceof Target.ListDistinct list ? list.topK() : ARGMAX_K;
        this.metrics = new LinkedHashMap<>(metrics);
        this.provenance = provenance;
    }

    public static CfModel train(Database db, PredictiveQuery query, TrainingSplits splits, long seed,
                                Consumer<String> progress) {
        CfKind.INSTANCE.requireFits(query);
        // Before any fitting: a split of one class or no rows would train for nothing and report n/a.
        SplitLabelCheck.requireLearnable(db, query, splits);
        long t0 = System.nanoTime();
        ActionSpace actions = query.target() instanceof Target.ArgMax
                ? ActionSpace.forArgMax(query, db, splits.train()) : null;
        CfModel m = new CfModel(db, query, actions, Map.of(), Provenance.now(DataFingerprint.of(db), seed));
        progress.accept(String.format(Locale.ROOT, "cf: %,d items%s; choosing the mix of own history, "
                + "co-occurrence and popularity on %,d train examples", m.history.items(),
                m.actions == null ? "" : " (actions = " + String.join(" × ", m.actions.columns()) + ")",
                splits.train().size()));
        RankingGroups train = RankingGroups.of(splits.train(), m.actionLookup);
        boolean[][] trainEligible = m.eligibility.at(train.entityRows(), train.anchors());
        CfWeights bestWeights = CfWeights.GRID[0];
        double best = Double.NEGATIVE_INFINITY;
        for (CfWeights w : CfWeights.GRID) {
            m.weights = w;
            double map = m.rankingScores(train, trainEligible).map();
            // Strictly better only: on ties the earlier, simpler mix in the grid wins.
            if (map > best) {
                best = map;
                bestWeights = w;
            }
        }
        m.weights = bestWeights;
        m.metrics.put("train_map@" + m.k, best);
        m.metrics.put("train_seconds", (System.nanoTime() - t0) / 1e9);
        m.splits = SplitAnchors.of(splits);
        progress.accept(String.format(Locale.ROOT, "cf: weights own %.1f, co-occurrence %.1f, popularity %.2f; "
                + "evaluating val and test", m.weights.own(), m.weights.neighbours(), m.weights.popularity()));
        m.evaluate(splits.val()).forEach((key, v) -> m.metrics.put("val_" + key, v));
        m.evaluate(splits.test()).forEach((key, v) -> m.metrics.put("test_" + key, v));
        return m;
    }

    /** Each group's top k eligible items as of its anchor (the query's OFFERING rule), against its relevant ones. */
    private RankingMetrics.RankingScores rankingScores(RankingGroups groups, boolean[][] eligible) {
        List<int[]> rankings = new ArrayList<>(groups.size());
        for (int g = 0; g < groups.size(); g++) {
            rankings.add(topItems(snapshot(groups.anchors()[g]).scores(groups.entityRows()[g], weights), k,
                    eligible == null ? null : eligible[g]));
        }
        return RankingMetrics.evaluate(rankings, groups.relevant(), k);
    }

    private Snapshot snapshot(long t) {
        return snapshots.computeIfAbsent(t, history::before);
    }

    /** The {@code n} best items, best first; ties go to the lower item id so rankings are deterministic. */
    static int[] topItems(double[] scores, int n) {
        return topItems(scores, n, null);
    }

    /** {@link #topItems(double[], int)} among the eligible items only (all when {@code eligible} is null). */
    static int[] topItems(double[] scores, int n, boolean[] eligible) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
                : Integer.compare(a, b));
        return java.util.Arrays.stream(order).mapToInt(Integer::intValue)
                .filter(i -> eligible == null || eligible[i]).limit(n).toArray();
    }

    @Override
    public Map<String, Double> evaluate(TrainingTable table) {
        if (table.size() == 0) {
            return Map.of("count", 0.0);
        }
        RankingGroups groups = RankingGroups.of(table, actionLookup);
        MetricReport.Builder report = MetricReport.builder().count("count", table.size())
                .addAll(rankingScores(groups, eligibility.at(groups.entityRows(), groups.anchors())).toReport());
        if (actions != null) {
            double[] candidateScores = new double[table.size()];
            boolean[] accepted = new boolean[table.size()];
            for (int i = 0; i < table.size(); i++) {
                int a = actionLookup.actionOf(table.targetRow(i));
                double[] s = snapshot(table.anchorTime(i)).scores(table.entityRow(i), weights);
                candidateScores[i] = a < 0 ? 0 : s[a];
                accepted[i] = table.label(i) > 0.5;
            }
            report.value("candidate_auroc", BinaryMetrics.auroc(candidateScores, accepted));
        }
        return report.build().asMap();
    }

    /**
     * The entity's best eligible item's score as of {@code asOfMs} (NaN when the query's OFFERING rule leaves it
     * none); see {@link #recommend} for the items themselves.
     */
    @Override
    public double[] score(int[] entityRows, long asOfMs) {
        Snapshot s = history.before(asOfMs);
        boolean[][] eligible = eligibility.asOf(entityRows, asOfMs);
        double[] out = new double[entityRows.length];
        for (int i = 0; i < out.length; i++) {
            double[] scores = s.scores(entityRows[i], weights);
            int[] top = topItems(scores, 1, eligible == null ? null : eligible[i]);
            out[i] = top.length == 0 ? Double.NaN : scores[top[0]];
        }
        return out;
    }

    /**
     * Each entity's best items, as many as the query's {@code RANK TOP k} ({@value #ARGMAX_K} for ARGMAX); the table
     * is sorted by the entity's {@link #score}.
     */
    @Override
    public java.util.Optional<ItemRecommender> asItemRecommender() {
        return java.util.Optional.of(new ItemRecommender() {
            @Override
            public String candidates() {
                return String.format(Locale.ROOT, "%,d items", history.items());
            }

            @Override
            public List<List<String>> recommend(int[] entityRows, long asOfMs, double[] bestScores) {
                double[] scores = score(entityRows, asOfMs);
                System.arraycopy(scores, 0, bestScores, 0, scores.length);
                return CfModel.this.recommend(entityRows, asOfMs, k);
            }
        });
    }


    /**
     * Per entity, its {@code n} best items as of {@code asOfMs} that the query's OFFERING rule lets it be offered
     * then, as labels (actions, or referenced keys); fewer when fewer are eligible.
     */
    public List<List<String>> recommend(int[] entityRows, long asOfMs, int n) {
        Snapshot s = history.before(asOfMs);
        boolean[][] eligible = eligibility.asOf(entityRows, asOfMs);
        List<List<String>> out = new ArrayList<>(entityRows.length);
        for (int i = 0; i < entityRows.length; i++) {
            int e = entityRows[i];
            List<String> items = new ArrayList<>();
            for (int item : topItems(s.scores(e, weights), n, eligible == null ? null : eligible[i])) {
                items.add(itemLabel(item));
            }
            out.add(items);
        }
        return out;
    }

    public String itemLabel(int item) {
        if (actions != null) {
            return actions.describe(item);
        }
        Target.ListDistinct list = (Target.ListDistinct) query.target();
        String referenced = db.table(query.targetTable()).schema().foreignKeys().stream()
                .filter(f -> f.column().equalsIgnoreCase(list.foreignKey().column())).findFirst().orElseThrow()
                .referencedTable();
        var table = db.table(referenced);
        return table.schema().primaryKeyOpt().map(pk -> table.requireColumn(pk).format(item))
                .orElse(Integer.toString(item));
    }

    public CfWeights weights() {
        return weights;
    }

    /** For tests: score with another mix, e.g. popularity only, to compare against. */
    void useWeights(CfWeights w) {
        this.weights = w;
    }

    @Override
    public void save(Path dir, org.relgraph.io.ReplacePolicy replace) {
        BundleManifest manifest = BundleManifest.of(kind(), query, db, metrics, provenance, splits, null);
        try {
            BundleFolder.write(dir, kind() + " baseline bundle", manifest, replace,
                    folder -> JSON.writeValue(folder.resolve(FILE).toFile(), new SavedCf(weights, actions)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the model folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A CF bundle whose {@code bundle.json} has already been verified and read. */
    static CfModel load(Path dir, BundleManifest manifest, Database db) {
        SavedCf saved;
        try {
            saved = JSON.readValue(Files.readString(dir.resolve(FILE)), SavedCf.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
        CfModel m = new CfModel(db, PredictiveQuery.parse(manifest.query(), db.schema()), saved.actions(),
                manifest.metrics(), manifest.provenance());
        m.weights = saved.weights();
        m.splits = manifest.splits();
        return m;
    }

    /** What {@link #FILE} holds: the mix of scores and, for ARGMAX, the actions fixed at training time. */
    private record SavedCf(CfWeights weights, ActionSpace actions) {
    }

    @Override
    public String kind() {
        return CfKind.INSTANCE.name();
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
        return CfKind.INSTANCE.inputHops(null);
    }

    @Override
    public Map<String, Double> metrics() {
        return java.util.Collections.unmodifiableMap(metrics);
    }

    @Override
    public void close() {
        snapshots.clear();
    }
}
