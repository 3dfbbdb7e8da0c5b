package org.relgraph.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.ExplainableModel;
import org.relgraph.models.explain.ReasonColumns;
import org.relgraph.models.output.ScoreOutputs;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.output.TerminalTable;
import org.relgraph.models.output.WriteOptions;
import org.relgraph.models.predict.ActionTiers;
import org.relgraph.models.predict.NextBestActionTable;
import org.relgraph.models.predict.PropensityTable;
import org.relgraph.models.rank.ActionRanker;
import org.relgraph.models.rank.CfModel;
import org.relgraph.models.rank.RecommendationTable;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Scores every entity that passes the query's filter as of a date, ranked, with recommended actions. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {
            "Score every entity that passes the model's query filter as of a date, using only data known at that "
                + "date, rank them and assign action tiers (Priority Outreach / Nurture Campaign / Suppress by rank "
                + "share). Daily re-scoring = run it every morning with that day's date.",
            "For a next-best-action (ARGMAX) model: per entity the best action, its acceptance probability and a "
                + "priority (High / Medium / Low by the same rank shares), e.g. CUSTOMER_ID, RECOMMENDED_ACTION, "
                + "PROPENSITY, CHANNEL, PRIORITY.",
            "",
            "Examples:",
            "  relgraph predict --model out/mortgage-model --dataset bank --top 20",
            "  relgraph predict --model out/mortgage-model --data bank/ --as-of 2024-06-30 --out scores.parquet",
            "  PGUSER=... PGPASSWORD=... relgraph predict --model out/mortgage-model --data jdbc:postgresql://db/bank \\",
            "      --out 'jdbc:postgresql://db/bank?table=mortgage_scores'",
            ""
        })
public final class PredictCommand implements Callable<Integer> {
    @Mixin
    ModelInput model;

    @Mixin
    DataOptions data;

    @Option(names = "--as-of", paramLabel = "DATE",
            description = "Score with the data known at this time (default: the latest time in the data).")
    String asOf;

    @Option(names = "--out", paramLabel = "FILE|JDBC_URL",
            description = "Write all scored rows to .csv, .parquet, .json(l), or jdbc:postgresql://…?table=NAME "
                    + "(rows of the same as-of date are replaced). Written atomically.")
    String out;

    @Option(names = "--force",
            description = "Replace an --out file even if relgraph did not write it. Without it, an existing file "
                    + "is replaced only if it holds scores with the same columns. A database table is never "
                    + "replaced: only the rows of the as-of date.")
    boolean force;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
            description = "Keep only the N best (default: all).")
    int top;

    @Option(names = "--show", paramLabel = "N", defaultValue = "20",
            description = "Rows to print on the terminal (default ${DEFAULT-VALUE}).")
    int show;

    @Option(names = "--tiers", paramLabel = "OUTREACH,NURTURE", defaultValue = "0.1,0.3",
            description = "Rank shares for Priority Outreach and Nurture Campaign (default ${DEFAULT-VALUE}).")
    String tiers;

    @Option(names = "--explain", paramLabel = "K", defaultValue = "0",
            description = "Add the top K reasons per output row as REASON_1..K (integrated gradients, a few "
                    + "entities/s per core: combine with --top for large populations).")
    int explain;

    @Option(names = "--per-entity", paramLabel = "K", defaultValue = "0",
            description = "Next best action: each entity's K best actions it may be offered, one row each with "
                    + "PRIORITY 1..K within the entity (default: one row per entity, PRIORITY High / Medium / Low "
                    + "across entities).")
    int perEntity;

    @Spec
    CommandSpec spec;

    /** The --as-of time, checked against the data once. */
    private Long asOfMs;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        checkOptions();
        checkPerEntity();
        if (out != null) {
            ScoreOutputs.checkDestination(out, ReplacePolicy.force(force)); // before the load: it may take a while
        }
        Database db = model.loadData(data, spec.commandLine().getErr());
        try (EntityModel predictor = model.open(db, pw)) {
            ScoreTable table = perEntity > 0
                    ? scoreActions(perEntityRanker(predictor), db, asOfMillis(db), ActionTiers.parse(tiers), top,
                            perEntity, pw)
                    : score(predictor, db, asOfMillis(db), ActionTiers.parse(tiers), top, pw);
            if (explain > 0) {
                table = withReasons(ExplainCommand.explainable(predictor), db, table, asOfMillis(db), explain, pw);
            }
            if (out != null) {
                LocalDate day = Instant.ofEpochMilli(asOfMillis(db)).atZone(ZoneOffset.UTC).toLocalDate();
                ScoreOutputs.write(out, new WriteOptions(day, model.dir.getFileName().toString()),
                        ReplacePolicy.force(force), table);
                pw.println("Wrote " + table.rowCount() + " rows to " + org.relgraph.source.PostgresUrl.masked(out));
            }
            pw.print(new TerminalTable(show, 40).render(table));
        }
        pw.flush();
        return 0;
    }

    /** --per-entity before any data is read: a count, and not with --explain (its reasons are per entity). */
    private void checkPerEntity() {
        if (perEntity < 0) {
            throw new SchemaException("--per-entity must be 1 or more, got " + perEntity,
                    "e.g. --per-entity 3 for each entity's three best actions; leave it out for one row per entity");
        }
        if (perEntity > 0 && explain > 0) {
            throw new SchemaException("--explain cannot be combined with --per-entity: its reasons explain each "
                    + "entity's first action only", "run predict --explain K without --per-entity, or relgraph "
                    + "explain --entity ID for one entity");
        }
    }

    /** The next-best-action model --per-entity needs, or a one-line error naming what the bundle predicts. */
    private ActionRanker perEntityRanker(EntityModel predictor) {
        if (predictor instanceof ActionRanker ranker
                && !(ranker instanceof org.relgraph.models.gnn.GnnRanker g && g.ranksLinks())) {
            return ranker;
        }
        throw new SchemaException("--per-entity lists next best actions of a GNN or flat-xgboost ARGMAX model, and "
                + model.dir + " is a " + predictor.kind() + " model of a "
                + predictor.query().taskType().toString().toLowerCase(Locale.ROOT) + " query",
                "drop --per-entity; cf and LIST_DISTINCT models already list each entity's top items "
                        + "(RECOMMENDATION_1..k)");
    }

    /** Next best action: every eligible entity's best action, its acceptance probability and a priority. */
    static ScoreTable scoreActions(ActionRanker ranker, Database db, long asOfMs, ActionTiers tiers, int top,
                                   PrintWriter pw) {
        return scoreActions(ranker, db, asOfMs, tiers, top, 0, pw);
    }

    /**
     * Next best action over the actions each entity may be offered as of the date (the query's OFFERING rule):
     * with {@code perEntity} 0 one row per entity with a High / Medium / Low priority across entities, else each
     * entity's {@code perEntity} best actions with PRIORITY 1..K.
     */
    static ScoreTable scoreActions(ActionRanker ranker, Database db, long asOfMs, ActionTiers tiers, int top,
                                   int perEntity, PrintWriter pw) {
        PredictiveQuery q = ranker.query();
        int[] rows = new TrainingTableBuilder(db, q).population(asOfMs);
        pw.printf(Locale.ROOT, "Ranking %d actions %s for %,d %s as of %s%n", ranker.actions().size(),
                ranker.actions().columns(), rows.length, q.entityTable(), Instant.ofEpochMilli(asOfMs));
        long t0 = System.nanoTime();
        double[][] p = ranker.scoreActions(rows, asOfMs);
        boolean[][] eligible = ranker.eligibleActions(rows, asOfMs);
        pw.printf(Locale.ROOT, "Scored in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (eligible != null) {
            pw.println(eligibilitySummary(q, eligible, ranker.actions().size()));
        }
        var entities = db.table(q.entityTable());
        return perEntity > 0
                ? NextBestActionTable.buildPerEntity(q, entities, rows, ranker.actions(), p, eligible, perEntity, top)
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

    /** REASON_1..k for every row of {@code table}, whose first column is the entity key, with a progress bar. */
    static ScoreTable withReasons(ExplainableModel predictor, Database db, ScoreTable table, long asOfMs, int k,
                                  PrintWriter pw) {
        List<String> keys = new ArrayList<>(table.rowCount());
        for (int i = 0; i < table.rowCount(); i++) {
            keys.add(table.column(0).string(i));
        }
        int[] rows = ExplainCommand.entityRows(predictor.query(), db, keys);
        long t0 = System.nanoTime();
        List<EntityExplanation> explained;
        try (ProgressBar bar = new ProgressBar("explain", rows.length, "entities")) {
            explained = predictor.explain(rows, asOfMs, k, done -> bar.update(done, rows.length));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pw.printf(Locale.ROOT, "Explained %,d in %.1f s (%.1f explanations/s)%n", rows.length, seconds,
                rows.length / Math.max(1e-9, seconds));
        return ReasonColumns.append(table, explained, k);
    }

    /** Refuses counts and shares that mean nothing, naming the option, before the data is loaded. */
    private void checkOptions() {
        OptionChecks.atLeast("--top", top, 0, "--top N keeps the N best; 0, the default, keeps all");
        OptionChecks.atLeast("--show", show, 0, "rows printed on the terminal; 0 prints none");
        OptionChecks.atLeast("--explain", explain, 0, "reasons per row; 0, the default, adds none");
        try {
            ActionTiers.parse(tiers);
        } catch (SchemaException e) {
            throw new SchemaException("--tiers: " + e.getMessage(), e.hint());
        }
        if (asOf != null) {
            SplitOptions.parse("--as-of", asOf);
        }
    }

    long asOfMillis(Database db) {
        if (asOfMs == null) {
            asOfMs = DataTimes.asOf(db, asOf, spec.commandLine().getErr());
        }
        return asOfMs;
    }

    static ScoreTable score(EntityModel predictor, Database db, long asOfMs, ActionTiers tiers, int top,
                            PrintWriter pw) {
        if (predictor instanceof org.relgraph.models.gnn.GnnRanker ranker && ranker.ranksLinks()) {
            // LIST_DISTINCT: the recommendation list CF writes, from the GNN's scores of every candidate row.
            PredictiveQuery q = ranker.query();
            int[] rows = new TrainingTableBuilder(db, q).population(asOfMs);
            pw.printf(Locale.ROOT, "Ranking %,d candidate %s for %,d %s as of %s%n", ranker.actions().size(),
                    ranker.actions().columns(), rows.length, q.entityTable(), Instant.ofEpochMilli(asOfMs));
            long t0 = System.nanoTime();
            double[] best = new double[rows.length];
            int k = ((org.relgraph.query.Target.ListDistinct) q.target()).topK();
            List<List<String>> items = ranker.recommend(rows, asOfMs, k, best);
            pw.printf(Locale.ROOT, "Scored in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            return RecommendationTable.build(q, db.table(q.entityTable()), rows, items, best, top);
        }
        if (predictor instanceof ActionRanker ranker) {
            return scoreActions(ranker, db, asOfMs, tiers, top, pw);
        }
        PredictiveQuery q = predictor.query();
        int[] rows = new TrainingTableBuilder(db, q).population(asOfMs);
        pw.printf(Locale.ROOT, "Scoring %,d %s as of %s%s%n", rows.length, q.entityTable(),
                Instant.ofEpochMilli(asOfMs), q.hasPopulationCondition()
                        ? " (the query's future-window condition cannot be known when scoring: all are scored)" : "");
        long t0 = System.nanoTime();
        double[] scores = predictor.score(rows, asOfMs);
        pw.printf(Locale.ROOT, "Scored in %.1f s (%.0f entities/s)%n", (System.nanoTime() - t0) / 1e9,
                rows.length / Math.max(1e-9, (System.nanoTime() - t0) / 1e9));
        if (predictor instanceof CfModel cf) {
            return RecommendationTable.build(q, db.table(q.entityTable()), rows, cf.recommend(rows, asOfMs, cf.k()),
                    scores, top);
        }
        return PropensityTable.build(q, db.table(q.entityTable()), rows, scores, tiers, top);
    }
}
