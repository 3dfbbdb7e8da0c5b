package org.relgraph.models.baseline;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.relgraph.query.RankingSeeds;
import org.relgraph.models.features.FeatureColumn;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.FeatureSpec;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.features.PointInTimeFeatures;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.models.rank.RankingExamples;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Column;
import org.relgraph.table.Database;

/**
 * The flat-table baseline for next best action, as a data scientist would build it by hand: the entity's
 * point-in-time features (the same {@link PointInTimeFeatures} as {@link GradientBoostedBaseline#flatXgboost}) next
 * to the action's component codes, one row per (entity, anchor, action) over the whole action space, labelled 1 when
 * that action was accepted in the window. Binary XGBoost with early stopping on validation; its probabilities rank
 * the actions. Training, evaluation and scoring as of a date all compute features the same way: per (entity, time)
 * pair, from rows known at that time. {@link FlatXgboostRankingModel} wraps it as a model the CLI trains and loads.
 */
public final class FlatXgboostRanker implements AutoCloseable {
    static final String ACTIONS_FILE = "actions.json";
    /** Examples crossed with the action space and scored per batch, bounding the crossed matrix's memory. */
    private static final int SCORE_BATCH = 8_192;
    private static final ObjectMapper JSON = org.relgraph.models.bundle.BundleFolder.JSON;

    private final Database db;
    private final PointInTimeFeatures features;
    private final ActionSpace actions;
    private final int[][] codes;
    private final FeatureOptions options;
    private final XgboostSettings settings;
    private FeatureSpec spec;
    private BoostedTrees trees;
    private FitTimings timings;

    public FlatXgboostRanker(Database db, ActionSpace actions) {
        this(db, actions, FeatureOptions.defaults(), XgboostSettings.defaults());
    }

    public FlatXgboostRanker(Database db, ActionSpace actions, FeatureOptions options, XgboostSettings settings) {
        this.db = db;
        this.features = new PointInTimeFeatures(db);
        this.actions = actions;
        this.codes = actions.codes();
        this.options = options;
        this.settings = settings;
    }

    /** @param trainSeeds / valSeeds the ranking examples of the tables, as {@link RankingExamples#of} groups them */
    public void fit(String entityTable, TrainingTable train, RankingSeeds trainSeeds, TrainingTable val,
                    RankingSeeds valSeeds) {
        long start = System.nanoTime();
        spec = features.fit(entityTable, options, train);
        // Only the actions each example may be recommended (the query's OFFERING rule) are rows to learn from.
        FeatureMatrix t = crossed(entityFeatures(train), 0, trainSeeds.size(), trainSeeds.eligible());
        FeatureMatrix v = crossed(entityFeatures(val), 0, valSeeds.size(), valSeeds.eligible());
        long built = System.nanoTime();
        if (trees != null) {
            trees.close();
        }
        trees = BoostedTrees.train(t, labels(trainSeeds), v, labels(valSeeds), TaskType.BINARY, settings);
        timings = new FitTimings((built - start) / 1_000_000, (System.nanoTime() - built) / 1_000_000,
                t.columnCount(), trees.bestIteration() + 1);
    }

    /** @return per example of {@code table} (grouped as {@link RankingExamples#groupStarts}), a score per action */
    public double[][] scores(TrainingTable table) {
        EntityTimes e = EntityTimes.of(table);
        return scores(e.rows(), e.times());
    }

    /** Per entity, a score per action with the data known at {@code asOfMs}. */
    public double[][] scores(int[] entityRows, long asOfMs) {
        long[] times = new long[entityRows.length];
        Arrays.fill(times, asOfMs);
        return scores(entityRows, times);
    }

    private double[][] scores(int[] entityRows, long[] times) {
        if (trees == null) {
            throw new IllegalStateException("the flat ranker is not fitted");
        }
        return scores(entityFeatures(entityRows, times));
    }

    /**
     * {@link #scores(TrainingTable)} with one input hidden at a time, from features computed once and masked on the
     * matrix (what the leakage audit asks).
     */
    public Function<InputMask, double[][]> maskedScores(TrainingTable table) {
        if (trees == null) {
            throw new IllegalStateException("the flat ranker is not fitted");
        }
        FeatureMatrix unmasked = entityFeatures(table);
        return mask -> scores(unmasked.masked(mask));
    }

    /** A score per action for each example of {@code m}, the entity features of (entity, time) pairs. */
    private double[][] scores(FeatureMatrix m) {
        int a = actions.size();
        double[][] out = new double[m.rows()][];
        for (int from = 0; from < m.rows(); from += SCORE_BATCH) {
            int to = Math.min(m.rows(), from + SCORE_BATCH);
            double[] flat = trees.predict(crossed(m, from, to, null));
            for (int i = from; i < to; i++) {
                out[i] = Arrays.copyOfRange(flat, (i - from) * a, (i - from + 1) * a);
            }
        }
        return out;
    }

    /** Total gain per feature name (action codes are {@code action_<column>}), for what the model relies on. */
    public Map<String, Double> featureImportance() {
        return trees.totalGain();
    }

    public ActionSpace actions() {
        return actions;
    }

    /** What the last {@link #fit} cost; null for a loaded ranker. */
    public FitTimings lastFitTimings() {
        return timings;
    }

    /** One feature row per (entity, anchor) example of an ARGMAX table, in {@link RankingExamples#groupStarts} order. */
    private FeatureMatrix entityFeatures(TrainingTable table) {
        EntityTimes e = EntityTimes.of(table);
        return entityFeatures(e.rows(), e.times());
    }

    /**
     * The point-in-time features of each (entity, time) pair: one unlabelled example per pair, through the same
     * {@link PointInTimeFeatures#build} every flat baseline uses (rows at or before the time only, capped by the
     * feature cutoff), so nothing after a pair's time can reach its features.
     */
    private FeatureMatrix entityFeatures(int[] rows, long[] times) {
        var entity = db.table(spec.entityTable());
        Column keys = entity.requireColumn(entity.schema().primaryKey());
        return features.build(spec, TrainingTable.unlabeled(TaskType.BINARY, keys, rows, times));
    }

    /**
     * Examples {@code from..to} of {@code m}, each repeated once per action with the action's component codes,
     * example-major; with {@code eligible} (indexed like {@code m}'s examples) only the eligible actions.
     */
    private FeatureMatrix crossed(FeatureMatrix m, int from, int to, boolean[][] eligible) {
        int base = m.columnCount();
        int components = actions.columns().size();
        List<FeatureColumn> columns = new ArrayList<>(m.columns());
        for (String c : actions.columns()) {
            columns.add(new FeatureColumn("action_" + c, actions.table() + "." + c, 0, "code", 0));
        }
        int width = base + components;
        int rows = 0;
        for (int e = from; e < to; e++) {
            rows += eligibleCount(eligible, e);
        }
        float[] values = new float[Math.multiplyExact(rows, width)];
        int r = 0;
        for (int e = from; e < to; e++) {
            for (int a = 0; a < actions.size(); a++) {
                if (eligible != null && !eligible[e][a]) {
                    continue;
                }
                System.arraycopy(m.values(), e * base, values, r * width, base);
                for (int c = 0; c < components; c++) {
                    values[r * width + base + c] = codes[a][c];
                }
                r++;
            }
        }
        return new FeatureMatrix(rows, columns, values);
    }

    private int eligibleCount(boolean[][] eligible, int example) {
        if (eligible == null) {
            return actions.size();
        }
        int n = 0;
        for (boolean b : eligible[example]) {
            n += b ? 1 : 0;
        }
        return n;
    }

    /** 1 for an accepted action, else 0, in the rows {@link #crossed} makes of the seeds. */
    private double[] labels(RankingSeeds seeds) {
        boolean[][] eligible = seeds.eligible();
        int rows = 0;
        for (int i = 0; i < seeds.size(); i++) {
            rows += eligibleCount(eligible, i);
        }
        double[] y = new double[rows];
        int r = 0;
        for (int i = 0; i < seeds.size(); i++) {
            int[] relevant = seeds.relevant(i);
            for (int a = 0; a < actions.size(); a++) {
                if (eligible != null && !eligible[i][a]) {
                    continue;
                }
                y[r++] = java.util.Arrays.binarySearch(relevant, a) >= 0 ? 1 : 0;
            }
        }
        return y;
    }

    /** XGBoost's model file, the feature spec and settings ({@link SavedBaseline}) and the action space. */
    void saveInto(Path dir) throws IOException {
        if (trees == null) {
            throw new IllegalStateException("the flat ranker is not fitted");
        }
        trees.saveModel(dir.resolve(BoostedTrees.MODEL_FILE));
        JSON.writeValue(dir.resolve(SavedBaseline.FILE).toFile(), new SavedBaseline(GradientBoostedBaseline.FLAT_XGBOOST,
                spec, settings, trees.task(), trees.featureNames(), trees.classes(), trees.bestIteration()));
        JSON.writeValue(dir.resolve(ACTIONS_FILE).toFile(), actions);
    }

    /** A ranker written by {@link #saveInto} (checksums already verified), computing features from {@code db}. */
    static FlatXgboostRanker load(Path dir, Database db) {
        SavedBaseline saved;
        ActionSpace actions;
        try {
            saved = JSON.readValue(dir.resolve(SavedBaseline.FILE).toFile(), SavedBaseline.class);
            actions = JSON.readValue(dir.resolve(ACTIONS_FILE).toFile(), ActionSpace.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the flat ranker at " + dir + ": " + e.getMessage(), e);
        }
        FlatXgboostRanker r = new FlatXgboostRanker(db, actions, saved.featureSpec().options(), saved.settings());
        r.spec = saved.featureSpec();
        r.trees = new BoostedTrees(BoostedTrees.loadBooster(dir.resolve(BoostedTrees.MODEL_FILE)), saved.taskType(),
                saved.featureNames(), saved.classes(), saved.bestIteration());
        return r;
    }

    @Override
    public void close() {
        if (trees != null) {
            trees.close();
            trees = null;
        }
        features.close();
    }

    /** The entity row and anchor time of each example of a ranking table, in {@link RankingExamples#groupStarts} order. */
    private record EntityTimes(int[] rows, long[] times) {
        static EntityTimes of(TrainingTable table) {
            int[] starts = RankingExamples.groupStarts(table);
            int[] rows = new int[starts.length];
            long[] times = new long[starts.length];
            for (int g = 0; g < starts.length; g++) {
                rows[g] = table.entityRow(starts[g]);
                times[g] = table.anchorTime(starts[g]);
            }
            return new EntityTimes(rows, times);
        }
    }
}
