package org.relgraph.models.api;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.relgraph.models.EntityModel;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.predict.ActionTiers;
import org.relgraph.models.predict.NextBestActionTable;
import org.relgraph.models.predict.PropensityTable;
import org.relgraph.models.rank.ActionRanker;
import org.relgraph.models.rank.ItemRecommender;
import org.relgraph.models.rank.RecommendationTable;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * Scores every entity that passes a trained model's query filter as of a date, with only the data known then: the
 * "scores" step of the data flow, and what {@code relgraph predict} prints and writes. The table's first column is
 * the entity key; the rest depend on the task:
 * <ul>
 *   <li>binary / regression / multiclass: the score, its rank and an action tier (Priority Outreach / Nurture
 *       Campaign / Suppress by rank share, {@link ActionTiers});</li>
 *   <li>next best action (ARGMAX): the best action the entity may be offered, its acceptance probability and a
 *       High / Medium / Low priority, or with {@link #actionsPerEntity(int)} each entity's K best actions;</li>
 *   <li>recommendation (LIST_DISTINCT, cf): each entity's top items.</li>
 * </ul>
 * Instances are immutable: each option returns a new {@code Scoring}.
 *
 * <pre>{@code
 * Database db = Sources.loadFor(Path.of("out/mortgage-model"), "data/bank");
 * try (EntityModel model = ModelLoader.load(Path.of("out/mortgage-model"), db)) {
 *     ScoreTable best = Scoring.of(model, db).top(20).asOf(Instant.parse("2024-06-30T00:00:00Z"));
 *     for (int i = 0; i < best.rowCount(); i++) {
 *         System.out.println(best.column(0).string(i) + " " + best.column(1).string(i));
 *     }
 * }
 * }</pre>
 */
public final class Scoring {
    private final EntityModel model;
    private final Database db;
    private final ActionTiers tiers;
    private final int top;
    private final int actionsPerEntity;
    private final Consumer<String> progress;
    private final ScoringProgress scored;

    private Scoring(EntityModel model, Database db, ActionTiers tiers, int top, int actionsPerEntity,
                    Consumer<String> progress, ScoringProgress scored) {
        this.model = model;
        this.db = db;
        this.tiers = tiers;
        this.top = top;
        this.actionsPerEntity = actionsPerEntity;
        this.progress = progress;
        this.scored = scored;
    }

    /**
     * Scoring with the default tiers (10 % / 30 %), every entity kept, one row per entity, no progress lines or
     * counts.
     */
    public static Scoring of(EntityModel model, Database db) {
        return new Scoring(model, db, ActionTiers.DEFAULT, 0, 0, line -> { }, ScoringProgress.NONE);
    }

    /** The rank shares of the action tiers (and of next-best-action priorities). */
    public Scoring tiers(ActionTiers shares) {
        return new Scoring(model, db, shares, top, actionsPerEntity, progress, scored);
    }

    /** Keep only the {@code n} best rows; 0 keeps all. */
    public Scoring top(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("top must be 0 (all) or more, got " + n);
        }
        return new Scoring(model, db, tiers, n, actionsPerEntity, progress, scored);
    }

    /**
     * Next best action: each entity's {@code k} best actions it may be offered, one row each with PRIORITY 1..k;
     * 0 (the default) gives one row per entity. Needs a model that {@link #listsActionsPerEntity lists actions}.
     */
    public Scoring actionsPerEntity(int k) {
        if (k < 0) {
            throw new IllegalArgumentException("actions per entity must be 0 (one row per entity) or more, got " + k);
        }
        if (k > 0 && !listsActionsPerEntity(model)) {
            throw new SchemaException("actions per entity are listed by next-best-action models (GNN or "
                    + "flat-xgboost ARGMAX), and this is a " + model.kind() + " model of a "
                    + model.query().taskType().toString().toLowerCase(Locale.ROOT) + " query",
                    "score without actions per entity; cf and LIST_DISTINCT models already list each entity's top "
                            + "items");
        }
        return new Scoring(model, db, tiers, top, k, progress, scored);
    }

    /** Hears a line before scoring (what is scored as of when) and after (how long it took). */
    public Scoring progress(Consumer<String> lines) {
        return new Scoring(model, db, tiers, top, actionsPerEntity, lines, scored);
    }

    /** Hears how many entities are scored so far while scoring runs (a long pass on a large population). */
    public Scoring scoringProgress(ScoringProgress counts) {
        return new Scoring(model, db, tiers, top, actionsPerEntity, progress, counts);
    }

    /** Whether {@code model} ranks actions, so {@link #actionsPerEntity} can list several per entity. */
    public static boolean listsActionsPerEntity(EntityModel model) {
        return model.asActionRanker().isPresent();
    }

    public ScoreTable asOf(Instant asOf) {
        return asOf(asOf.toEpochMilli());
    }

    /** The ranked table, scored with the data known at {@code asOfMs} (epoch milliseconds, UTC). */
    public ScoreTable asOf(long asOfMs) {
        Optional<ActionRanker> ranker = model.asActionRanker();
        if (ranker.isPresent()) {
            return scoreActions(ranker.get(), asOfMs);
        }
        PredictiveQuery q = model.query();
        int[] rows = new TrainingTableBuilder(db, q).population(asOfMs);
        Optional<ItemRecommender> recommender = model.asItemRecommender();
        if (recommender.isPresent()) {
            // LIST_DISTINCT, or cf: a recommendation list per entity.
            say("Ranking %s for %,d %s as of %s", recommender.get().candidates(), rows.length, q.entityTable(),
                    Instant.ofEpochMilli(asOfMs));
            long t0 = System.nanoTime();
            double[] best = new double[rows.length];
            List<List<String>> items = recommender.get().recommend(rows, asOfMs, best,
                    done -> scored.scored(done, rows.length));
            say("Scored in %.1f s", (System.nanoTime() - t0) / 1e9);
            return RecommendationTable.build(q, db.table(q.entityTable()), rows, items, best, top);
        }
        say("Scoring %,d %s as of %s%s", rows.length, q.entityTable(), Instant.ofEpochMilli(asOfMs),
                q.hasPopulationCondition()
                        ? " (the query's future-window condition cannot be known when scoring: all are scored)" : "");
        long t0 = System.nanoTime();
        double[] scores = model.score(rows, asOfMs, done -> scored.scored(done, rows.length));
        say("Scored in %.1f s (%.0f entities/s)", (System.nanoTime() - t0) / 1e9,
                rows.length / Math.max(1e-9, (System.nanoTime() - t0) / 1e9));
        return PropensityTable.build(q, db.table(q.entityTable()), rows, scores, tiers, top);
    }

    /**
     * Next best action over the actions each entity may be offered as of the date (the query's OFFERING rule):
     * one row per entity with a High / Medium / Low priority across entities, or each entity's
     * {@link #actionsPerEntity} best actions with PRIORITY 1..K.
     */
    private ScoreTable scoreActions(ActionRanker ranker, long asOfMs) {
        PredictiveQuery q = ranker.query();
        int[] rows = new TrainingTableBuilder(db, q).population(asOfMs);
        say("Ranking %d actions %s for %,d %s as of %s", ranker.actions().size(), ranker.actions().columns(),
                rows.length, q.entityTable(), Instant.ofEpochMilli(asOfMs));
        long t0 = System.nanoTime();
        double[][] p = ranker.scoreActions(rows, asOfMs, done -> scored.scored(done, rows.length));
        boolean[][] eligible = ranker.eligibleActions(rows, asOfMs);
        say("Scored in %.1f s", (System.nanoTime() - t0) / 1e9);
        if (eligible != null) {
            progress.accept(eligibilitySummary(q, eligible, ranker.actions().size()));
        }
        var entities = db.table(q.entityTable());
        return actionsPerEntity > 0
                ? NextBestActionTable.buildPerEntity(q, entities, rows, ranker.actions(), p, eligible,
                        actionsPerEntity, top)
                : NextBestActionTable.build(q, entities, rows, ranker.actions(), p, eligible, tiers, top);
    }

    /** How much the OFFERING rule left out, e.g. "OFFERING rule: 5,120 of 70,392 (customer, action) pairs left out". */
    static String eligibilitySummary(PredictiveQuery q, boolean[][] eligible, int actions) {
        long left = 0;
        int none = 0;
        for (boolean[] row : eligible) {
            int n = 0;
            for (boolean b : row) {
                n += b ? 1 : 0;
            }
            left += actions - n;
            none += n == 0 ? 1 : 0;
        }
        return String.format(Locale.ROOT, "OFFERING rule: %,d of %,d (%s, action) pairs left out (held or not "
                        + "eligible); %,d %s may be offered no action and get no row", left,
                (long) eligible.length * actions, q.entityTable(), none, q.entityTable());
    }

    private void say(String format, Object... args) {
        progress.accept(String.format(Locale.ROOT, format, args));
    }
}
