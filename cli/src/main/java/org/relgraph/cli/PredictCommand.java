package org.relgraph.cli;

import org.relgraph.options.ExplainOption;
import org.relgraph.options.OptionChecks;
import org.relgraph.options.SplitOptions;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.api.Explanations;
import org.relgraph.models.api.Scoring;
import org.relgraph.models.output.ScoreOutputs;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.output.TerminalTable;
import org.relgraph.models.output.WriteOptions;
import org.relgraph.models.predict.ActionTiers;
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

    @Mixin
    ExplainOption explain;

    @Option(names = "--per-entity", paramLabel = "K", defaultValue = "0",
            description = "Next best action: each entity's K best actions it may be offered, one row each with "
                    + "PRIORITY 1..K within the entity (default: one row per entity, PRIORITY High / Medium / Low "
                    + "across entities).")
    int perEntity;

    @Spec
    CommandSpec spec;

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
            if (perEntity > 0 && !Scoring.listsActionsPerEntity(predictor)) {
                throw new SchemaException("--per-entity lists next best actions of a GNN or flat-xgboost ARGMAX "
                        + "model, and " + model.dir + " is a " + predictor.kind() + " model of a "
                        + predictor.query().taskType().toString().toLowerCase(Locale.ROOT) + " query",
                        "drop --per-entity; cf and LIST_DISTINCT models already list each entity's top items "
                                + "(RECOMMENDATION_1..k)");
            }
            long asOfMs = DataTimes.asOf(db, asOf, spec.commandLine().getErr());
            ScoreTable table = Scoring.of(predictor, db).tiers(ActionTiers.parse(tiers)).top(top)
                    .actionsPerEntity(perEntity).progress(pw::println)
                    .scoringProgress(new ScoringProgressBar("scoring", "entities", spec.commandLine().getErr()))
                    .asOf(asOfMs);
            if (explain.reasons() > 0) {
                table = withReasons(Explanations.of(predictor, db), table, asOfMs, pw);
            }
            if (out != null) {
                LocalDate day = Instant.ofEpochMilli(asOfMs).atZone(ZoneOffset.UTC).toLocalDate();
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
        if (perEntity > 0 && explain.reasons() > 0) {
            throw new SchemaException("--explain cannot be combined with --per-entity: its reasons explain each "
                    + "entity's first action only", "run predict --explain K without --per-entity, or relgraph "
                    + "explain --entity ID for one entity");
        }
    }

    /** REASON_1..K for every row of {@code table}, with a progress bar and the rate at the end. */
    private ScoreTable withReasons(Explanations why, ScoreTable table, long asOfMs, PrintWriter pw) {
        int n = table.rowCount();
        long t0 = System.nanoTime();
        ScoreTable explained;
        try (ProgressBar bar = new ProgressBar("explain", n, "entities")) {
            explained = why.withReasons(table, asOfMs, explain.reasons(), done -> bar.update(done, n));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pw.printf(Locale.ROOT, "Explained %,d in %.1f s (%.1f explanations/s)%n", n, seconds,
                n / Math.max(1e-9, seconds));
        return explained;
    }

    /** Refuses counts and shares that mean nothing, naming the option, before the data is loaded. */
    private void checkOptions() {
        OptionChecks.atLeast("--top", top, 0, "--top N keeps the N best; 0, the default, keeps all");
        OptionChecks.atLeast("--show", show, 0, "rows printed on the terminal; 0 prints none");
        explain.check();
        try {
            ActionTiers.parse(tiers);
        } catch (SchemaException e) {
            throw new SchemaException("--tiers: " + e.getMessage(), e.hint());
        }
        if (asOf != null) {
            SplitOptions.parse("--as-of", asOf);
        }
    }
}
