package org.relgraph.cli;

import org.relgraph.options.SplitOptions;
import org.relgraph.options.OptionChecks;
import org.relgraph.options.ModelOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.ValidationMetric;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKinds;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.api.Tuning;
import org.relgraph.models.audit.LeakageAudit;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.output.TerminalTable;
import org.relgraph.models.tune.HalvingSchedule;
import org.relgraph.models.tune.SearchSpace;
import org.relgraph.models.tune.TimeBudget;
import org.relgraph.models.tune.TrialRun;
import org.relgraph.models.tune.TuningListener;
import org.relgraph.models.tune.TuningResult;
import org.relgraph.query.PredictiveQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Searches the GNN's settings on validation (successive halving, optionally within a time budget) and writes the best. */
@Command(name = "tune", mixinStandardHelpOptions = true, defaultValueProvider = TuneCommand.Defaults.class,
        description = {
            "Search the GNN's settings for a predictive query on its validation split: draw --trials models from the "
                + "search space (seeded), train each for --min-epochs, keep the best 1/--eta by the validation metric "
                + "early stopping uses (AUROC, MAE, accuracy or MAP), train those for --eta times the epochs, and so "
                + "on until one trains for --epochs with early stopping. --budget stops the search when its time is "
                + "spent (the run in progress ends at its epoch's end) and keeps the best so far.",
            "The best model is written to MODEL_DIR as train writes a bundle (predict, evaluate and explain read it), "
                + "replaced whenever a run beats it; the results table is printed and written to MODEL_DIR.tuning.csv "
                + "after every run.",
            "",
            "Examples:",
            "  relgraph tune --data data/bank --train-anchors 4 --budget 10m --out out/mortgage-tuned --query \\",
            "      \"PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'\"",
            "  relgraph tune --data shop/ --query-file churn.pql --trials 4 --conv sage --hidden 64 --lr 0.003,0.01 "
                + "--out out/churn-tuned",
            ""
        })
public final class TuneCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    QueryInput query;

    @Mixin
    SplitOptions splits;

    @Mixin
    SearchSpaceOptions space;

    @Option(names = "--trials", paramLabel = "N",
            description = "Models drawn from the space for the first rung (default ${DEFAULT-VALUE}; all of them when "
                    + "the space holds fewer).")
    int trials;

    @Option(names = "--eta", paramLabel = "N",
            description = "1 in N models survives each rung, with N times the epochs (default ${DEFAULT-VALUE}).")
    int eta;

    @Option(names = "--min-epochs", paramLabel = "N",
            description = "Epochs of the first rung (default ${DEFAULT-VALUE}).")
    int minEpochs;

    @Option(names = "--epochs", paramLabel = "N",
            description = "Epochs of the last rung, early stopping included, as train's --epochs (default "
                    + "${DEFAULT-VALUE}); every rung is capped at it.")
    int epochs;

    @Option(names = "--budget", paramLabel = "TIME",
            description = "Wall time the search may take, e.g. 20m, 1h, 1h30m, 90s (default: none, every run of the "
                    + "schedule happens). Loading the data and the leakage audit come on top.")
    String budget;

    @Option(names = "--patience", paramLabel = "N",
            description = "Epochs without validation improvement before a run stops (default ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--batch-size", paramLabel = "N", description = "Seeds per mini-batch (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--seed", paramLabel = "N",
            description = "Draws the trials and trains every model: same seed, same search (default "
                    + "${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N",
            description = "CPU threads for the math (default: all cores). On a busy machine 1 can be faster.")
    Integer threads;

    @Option(names = "--input-cutoff", paramLabel = "DATE",
            description = "The latest time model inputs may see, as train's --input-cutoff.")
    String inputCutoff;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR",
            description = "Where to write the best model's bundle (replaced atomically whenever a run beats it); the "
                    + "results table goes beside it as MODEL_DIR.tuning.csv.")
    Path out;

    @Option(names = "--force",
            description = "Replace MODEL_DIR and MODEL_DIR.tuning.csv even if they hold files relgraph did not write.")
    boolean force;

    @Mixin
    AuditOption audit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        // Every option is checked before the load: a bad budget or space fails at once.
        OptionChecks.atLeast("--threads", threads, 1, "e.g. --threads 2");
        OptionChecks.atLeast("--patience", patience, 1, "epochs without validation improvement before a run stops");
        OptionChecks.atLeast("--batch-size", batchSize, 1, "seeds per mini-batch, e.g. --batch-size 512");
        splits.checkRanges();
        HalvingSchedule schedule = new HalvingSchedule(trials, eta, minEpochs, epochs);
        SearchSpace searchSpace = space.space();
        Duration timeBudget = budget == null ? null : TimeBudget.parse("--budget", budget);
        GnnConfig base = GnnConfig.defaults().withPatience(patience).withBatchSize(batchSize).withSeed(seed)
                .withEpochs(epochs);
        if (inputCutoff != null) {
            base = base.withInputCutoffMs(SplitOptions.parse("--input-cutoff", inputCutoff).getAsLong());
        }
        ReplacePolicy replace = ReplacePolicy.force(force);
        data.checkOutputOutsideData(out);
        OutputFolder.checkDestination(out, replace);
        Tuning.checkResultsDestination(out, replace);
        ModelOptions.limitThreads(threads);

        int deepest = searchSpace.layers().stream().mapToInt(Integer::intValue).max().orElseThrow();
        PreparedTask prepared = PreparedTask.load(data, query, splits, spec, task -> {
            pw.println("Task: " + task.query().taskType() + "   " + task.query());
            TimelessNotice.print(pw, task.data().schema(), task.query(), deepest,
                    "the deepest model's " + deepest + " layers");
        });
        PredictiveQuery q = prepared.query();
        ModelKinds.forTask(GnnKind.INSTANCE.name(), q).requireFits(q);
        ValidationMetric metric = ValidationMetric.forTask(q.taskType());
        List<HalvingSchedule.Rung> rungs = new HalvingSchedule(Math.min(trials, searchSpace.size()), eta, minEpochs,
                epochs).rungs();
        pw.printf(Locale.ROOT, "Search: %d of %d models (seed %d), successive halving on val %s: %s%s%n",
                rungs.get(0).trials(), searchSpace.size(), seed, metric, describe(rungs),
                timeBudget == null ? "" : "; budget " + ProgressBar.formatSeconds(timeBudget.toSeconds()));
        pw.flush();

        long t0 = System.nanoTime();
        TuningResult result = Tuning.of(prepared.task(), prepared.tables()).space(searchSpace).schedule(schedule)
                .base(base).budget(timeBudget).listener(new Report(pw, spec.commandLine().getErr(), metric)).run(out, replace);
        double seconds = (System.nanoTime() - t0) / 1e9;

        pw.println();
        if (result.budgetSpent()) {
            pw.printf(Locale.ROOT, "The budget (%s) ended the search after %d of %d runs; the best model so far is "
                    + "kept.%n", ProgressBar.formatSeconds(timeBudget.toSeconds()), result.runs().size(),
                    result.plannedRuns());
        }
        pw.print(new TerminalTable(Integer.MAX_VALUE, TerminalTable.DEFAULT_MAX_COLUMN_WIDTH).render(result.table()));
        TrialRun best = result.best();
        pw.printf(Locale.ROOT, "Best: trial %d (%s), %s %.4f at epoch %d of %d (rung %d)%n", best.trial(),
                SearchSpace.describe(best.config()), result.metricName(), best.valMetric(), best.bestEpoch(),
                best.epochsRun(), best.rung() + 1);
        pw.println("Results table: " + Tuning.resultsFile(out));
        pw.flush();
        try (EntityModel model = ModelLoader.load(out, prepared.db())) {
            if (audit.enabled) {
                audit.run(() -> LeakageAudit.auditAndRecord(model, out, prepared.db(), prepared.tables().val()), pw,
                        spec.commandLine().getErr());
            }
            pw.printf(Locale.ROOT, "Tuned in %.1f s (peak memory %s)%n", seconds, PeakMemory.describe());
            MetricLines.print(model.metrics(), pw);
        }
        pw.println("Model bundle: " + out);
        pw.flush();
        return 0;
    }

    /** {@code 9 × 2 epochs → 3 × 6 → 1 × up to 20}. */
    private static String describe(List<HalvingSchedule.Rung> rungs) {
        StringBuilder s = new StringBuilder();
        for (HalvingSchedule.Rung r : rungs) {
            boolean last = r.index() == rungs.size() - 1;
            s.append(r.index() == 0 ? "" : " → ").append(r.trials()).append(" × ").append(last ? "up to " : "")
                    .append(r.epochs()).append(r.index() == 0 ? " epochs" : "");
        }
        return s.toString();
    }

    /** The progress bars of each run, labelled with where the search is, and a line per finished run. */
    private static final class Report implements TuningListener {
        private final PrintWriter out;
        private final PrintWriter err;
        private final ValidationMetric metric;

        Report(PrintWriter out, PrintWriter err, ValidationMetric metric) {
            this.out = out;
            this.err = err;
            this.metric = metric;
        }

        @Override
        public TrainingListener runStarting(RunStart s) {
            String best = s.best() == null ? "" : String.format(Locale.ROOT, "best %.4f · ", s.best().valMetric());
            return new EpochProgress(out, err, false, String.format(Locale.ROOT, "run %d/%d · trial %d · rung %d/%d · %s",
                    s.run(), s.runs(), s.trial(), s.rung().index() + 1, s.rungs(), best), null);
        }

        @Override
        public void runEnded(TuningResult soFar) {
            TrialRun r = soFar.runs().get(soFar.runs().size() - 1);
            out.printf(Locale.ROOT, "run %d  trial %d  rung %d  %s: val %s %.4f (epoch %d of %d, %.1f s)%s%n",
                    soFar.runs().size(), r.trial(), r.rung() + 1, SearchSpace.describe(r.config()), metric,
                    r.valMetric(), r.bestEpoch(), r.epochsRun(), r.seconds(),
                    r.equals(soFar.best()) ? "  ← best so far" : r.cutByBudget() ? "  (stopped by the budget)" : "");
            out.flush();
        }
    }

    /** The defaults of tune's own options and its search space, from the library's one place for each. */
    public static final class Defaults implements IDefaultValueProvider {
        static final Map<String, String> BY_OPTION = byOption();

        private static Map<String, String> byOption() {
            GnnConfig d = GnnConfig.defaults();
            HalvingSchedule h = HalvingSchedule.DEFAULTS;
            Map<String, String> m = new HashMap<>(SearchSpaceOptions.defaults());
            m.put("--trials", String.valueOf(h.trials()));
            m.put("--eta", String.valueOf(h.eta()));
            m.put("--min-epochs", String.valueOf(h.minEpochs()));
            m.put("--epochs", String.valueOf(h.maxEpochs()));
            m.put("--patience", String.valueOf(d.patience()));
            m.put("--batch-size", String.valueOf(d.batchSize()));
            m.put("--seed", String.valueOf(d.seed()));
            return Map.copyOf(m);
        }

        @Override
        public String defaultValue(ArgSpec arg) {
            boolean ours = arg instanceof OptionSpec o && o.userObject() instanceof java.lang.reflect.Field f
                    && (f.getDeclaringClass() == TuneCommand.class || f.getDeclaringClass() == SearchSpaceOptions.class);
            return ours ? BY_OPTION.get(((OptionSpec) arg).longestName()) : null;
        }
    }
}
