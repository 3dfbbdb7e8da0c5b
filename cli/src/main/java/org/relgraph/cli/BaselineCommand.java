package org.relgraph.cli;

import org.relgraph.options.SplitOptions;
import org.relgraph.options.OptionChecks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelKinds;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.audit.LeakageAudit;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Fits a flat-table or collaborative-filtering baseline for a query and writes a bundle evaluate/predict read. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {
            "Fit a baseline the GNN must beat, on the same leakage-free training tables as train, report its "
                + "validation and test metrics under the same names, and write a model bundle that evaluate and "
                + "predict read like a GNN bundle. Kinds: rules (segment rate + recent activity, what a bank runs "
                + "today), entity-gbdt (XGBoost on the entity's own columns), flat-xgboost (XGBoost on point-in-time "
                + "aggregates of every table within two hops; for an ARGMAX query it scores every candidate action "
                + "next to those features and its bundle predicts the next best action like a GNN ranker's), cf "
                + "(collaborative filtering for ARGMAX / LIST_DISTINCT ranking queries).",
            "",
            "Examples:",
            "  relgraph baseline --kind flat-xgboost --dataset bank --train-anchors 4 --out out/mortgage-xgb \\",
            "      --query \"PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'\"",
            "  relgraph evaluate --model out/mortgage-xgb --dataset bank --split test",
            "  relgraph baseline --kind flat-xgboost --dataset bank --train-anchors 12 --out out/nba-xgb \\",
            "      --query \"PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 30, days) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.SEGMENT IN ('Mass Affluent', 'Premier')\"",
            "  relgraph predict --model out/nba-xgb --dataset bank --top 10",
            ""
        })
public final class BaselineCommand implements Callable<Integer> {
    @Option(names = "--kind", required = true, paramLabel = "KIND",
            description = "rules, entity-gbdt, flat-xgboost or cf (ARGMAX: flat-xgboost or cf; LIST_DISTINCT: cf).")
    String kind;

    @Mixin
    DataOptions data;

    @Mixin
    QueryInput query;

    @Mixin
    SplitOptions splits;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Random seed (XGBoost row/column sampling; default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "XGBoost threads (default ${DEFAULT-VALUE}); fixed so a seed gives the same model.")
    int threads;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR",
            description = "Where to write the bundle (written to a temporary folder, then renamed).")
    Path out;

    @Option(names = "--force",
            description = "Replace MODEL_DIR even if it holds files relgraph did not write (they are deleted). "
                    + "Without it, only an empty folder or relgraph's own output there is replaced.")
    boolean force;

    @Option(names = "--input-cutoff", paramLabel = "DATE",
            description = "The latest time inputs may see, whatever the anchor (RelBench's protocol uses its test "
                    + "time), as train's --input-cutoff. Default: each example sees data up to its own anchor.")
    String inputCutoff;

    @Option(names = "--label-history", paramLabel = "on|off",
            description = "flat-xgboost, BOOL / regression queries: add the entity's own past labels for the query "
                    + "as features (as train's --label-history). Default: off.")
    String labelHistory;

    @Mixin
    AuditOption audit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        // Refused before the data loads: a kind that does not exist, or that relgraph train trains.
        ModelKinds.named(kind).stream().filter(k -> !k.baseline()).findFirst().ifPresent(k -> {
            throw new SchemaException("--kind " + k.name() + " is not a baseline", (k == org.relgraph.models.baseline.XgbGnnInputsKind.INSTANCE
                            || k == org.relgraph.models.baseline.XgbGnnEmbeddingsKind.INSTANCE)
                    ? "train it with relgraph train --kind " + k.name() : "train the GNN with relgraph train");
        });
        OptionChecks.atLeast("--threads", threads, 1, "XGBoost threads, e.g. --threads 2");
        Boolean history = OptionChecks.onOff("--label-history", labelHistory);
        if (history != null && !kind.equals(org.relgraph.models.baseline.GradientBoostedBaseline.FLAT_XGBOOST)) {
            throw new SchemaException("--label-history applies to --kind flat-xgboost, not " + kind,
                    "drop --label-history, or use --kind flat-xgboost");
        }
        Long cutoff = inputCutoff == null ? null : SplitOptions.parse("--input-cutoff", inputCutoff).getAsLong();
        splits.checkRanges();
        data.checkOutputOutsideData(out);
        OutputFolder.checkDestination(out, ReplacePolicy.force(force));
        // The kind depends on the bound query's task type; a kind that cannot fit it stops before the split is built.
        PreparedTask prepared = PreparedTask.load(data, query, splits, spec, task -> {
            pw.println("Task: " + task.query().taskType() + "   " + task.query());
            ModelKind fitting = ModelKinds.forTask(kind, task.query());
            fitting.requireFits(task.query());
            TimelessNotice.print(pw, task.data().schema(), task.query(), fitting.inputHops(null),
                    "what " + fitting.name() + " reads");
        });
        Database db = prepared.db();
        PredictiveQuery q = prepared.query();
        ModelKind k = ModelKinds.forTask(kind, q);
        TrainingSplits tables = prepared.tables();
        pw.flush();
        long t0 = System.nanoTime();
        try (EntityModel model = k.train(new TrainingRequest(db, q, tables, seed, threads, cutoff,
                new org.relgraph.models.baseline.FlatFeatureSettings(history), line -> {
            pw.println(line);
            pw.flush();
        }))) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            model.save(out, ReplacePolicy.force(force));
            pw.printf(Locale.ROOT, "Fitted %s in %.1f s (peak memory %s)%n", k.name(), seconds,
                    PeakMemory.describe());
            if (audit.enabled) {
                audit.run(() -> LeakageAudit.auditAndRecord(model, out, db, tables.val()), pw,
                        spec.commandLine().getErr());
            }
            MetricLines.print(model.metrics(), pw);
            pw.println("Model bundle: " + out);
        }
        pw.flush();
        return 0;
    }
}
