package org.relgraph.benchmarks.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.relgraph.benchmarks.ProcessReadings;
import org.relgraph.datasets.PreparedDatasets;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.MortgageOracle;
import org.relgraph.datasets.bank.OracleResult;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.metrics.GainsCurve;
import org.relgraph.io.OutputFolder;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelKinds;
import org.relgraph.models.TaskMisfit;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.audit.AuditReport;
import org.relgraph.models.audit.LeakageAudit;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitLabelCheck;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.source.ExcludedTables;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * Runs every model of a suite on every task: builds the task's splits once, fits each model (timing it and
 * sampling its heap), records val and test metrics, inference time per 1,000 entities and the test gains curve,
 * and for the bank the generator's Bayes-optimal AUROC at the test anchor. A model that cannot do a task is
 * recorded with the reason instead of a number; a dataset whose raw files are absent is skipped with the reason,
 * and a task whose splits no model can learn from or be measured on (one class, no rows: {@link SplitLabelCheck})
 * is stopped with the error and its hint before any model is fitted. With {@link SuiteSettings#leakageAudit} each
 * fitted model is also put through the {@link LeakageAudit} that {@code train} and {@code baseline} run.
 */
public final class BenchRunner {
    private static final int INFERENCE_ENTITIES = 2_000;

    private final SuiteSettings settings;
    private final PreparedDatasets datasets;
    private final int threads;
    private final Consumer<String> progress;
    private final Map<String, Database> loaded = new HashMap<>();

    public BenchRunner(SuiteSettings settings, Path dataHome, Path cacheHome, int threads, Consumer<String> progress) {
        this.settings = settings;
        this.datasets = new PreparedDatasets(dataHome, cacheHome);
        this.threads = threads;
        this.progress = progress;
    }

    public BenchResults run() {
        List<BenchTask> chosen = settings.tasks().isEmpty() ? BenchTask.all()
                : settings.tasks().stream().map(BenchTask::byId).toList();
        List<BenchTask> tasks = new ArrayList<>();
        List<ModelRun> runs = new ArrayList<>();
        Map<String, String> notes = new LinkedHashMap<>();
        Map<String, Double> oracle = new LinkedHashMap<>();
        long start = System.nanoTime();
        // Datasets first, so a misspelt --exclude-tables stops the run before any model is fitted.
        Map<String, Database> data = new LinkedHashMap<>();
        for (BenchTask task : chosen) {
            try {
                data.put(task.id(), database(task.dataset()));
            } catch (Exception e) {
                notes.put(task.id(), "skipped: " + e.getMessage());
                progress.accept(task.id() + ": skipped (" + e.getMessage() + ")");
            }
        }
        requireKnownTables(settings.excludedTables(), data.values());
        for (BenchTask chosenTask : chosen) {
            Database full = data.get(chosenTask.id());
            if (full == null) {
                tasks.add(chosenTask);
                continue;
            }
            BenchTask task = chosenTask.leavingOut(settings.excludedTables().stream()
                    .filter(n -> full.schema().table(n).isPresent()).toList());
            tasks.add(task);
            Database db = new ExcludedTables(task.dropTables()).applyTo(full);
            PredictiveQuery q = PredictiveQuery.parse(task.query(), db.schema());
            SplitPlan plan = task.planner().plan(db, q, settings);
            TrainingSplits splits = new TrainingTableBuilder(db, q).build(plan);
            notes.put(task.id(), splits.toString().replace('\n', ';'));
            progress.accept(task.id() + ": " + splits.toString().replace("\n", "; "));
            try {
                SplitLabelCheck.requireLearnable(db, q, splits);
            } catch (SchemaException e) {
                // No model can learn or be measured on these splits: one error for the task, not n/a per model.
                // The report splits notes at ';', so the hint's own semicolons become dashes.
                notes.put(task.id(), "stopped: " + e.getMessage() + " (hint: " + e.hint().replace("; ", " — ") + ")");
                progress.accept(task.id() + ": error: " + e.getMessage());
                progress.accept(task.id() + ": hint: " + e.hint());
                continue;
            }
            if (task.id().equals("bank-mortgage")) {
                OracleResult r = new MortgageOracle(BankConfig.of(settings.bankCustomers(), settings.seed()))
                        .evaluate(BenchTask.BANK_TEST);
                oracle.put(task.id(), r.expectedAuroc());
                progress.accept(String.format(Locale.ROOT, "%s: oracle (Bayes-optimal) AUROC at %s = %.4f",
                        task.id(), BenchTask.BANK_TEST, r.expectedAuroc()));
            }
            for (String model : settings.modelsToRun()) {
                ModelRun run = runOne(task, model, db, q, splits);
                runs.add(run);
                progress.accept(describe(task, run));
            }
        }
        return new BenchResults(settings, MachineInfo.now(), tasks, runs, notes, oracle,
                (System.nanoTime() - start) / 1e9);
    }

    private ModelRun runOne(BenchTask task, String model, Database db, PredictiveQuery q, TrainingSplits splits) {
        ModelKind kind = ModelKinds.forTask(model, q);
        Optional<TaskMisfit> misfit = kind.misfit(q);
        if (misfit.isPresent()) {
            return ModelRun.unavailable(task.id(), model, "n/a: " + misfit.get().reason());
        }
        progress.accept(task.id() + " × " + model + ": fitting");
        System.gc();
        EntityModel m;
        double trainSeconds;
        double heap;
        long t0 = System.nanoTime();
        try (HeapPeak peak = new HeapPeak()) {
            m = fit(kind, task, db, q, splits);
            trainSeconds = (System.nanoTime() - t0) / 1e9;
            heap = peak.peakMb();
        } catch (SchemaException e) {
            return ModelRun.unavailable(task.id(), model, "not supported yet: " + e.getMessage());
        } catch (OutOfMemoryError e) {
            // A full suite runs for hours: one model outgrowing the heap (flat-xgboost's crossed NBA rows at 100k
            // customers) is a result to report, not a reason to lose every other model's numbers.
            String status = "failed: out of memory (" + e.getMessage() + ") with a " + (Runtime.getRuntime()
                    .maxMemory() >> 20) + " MB heap; re-run with a larger JAVA_OPTS -Xmx";
            progress.accept(task.id() + " × " + model + ": " + status);
            return ModelRun.unavailable(task.id(), model, status);
        }
        try (m) {
            Map<String, Double> val = strip(m.metrics(), "val_");
            Map<String, Double> test = strip(m.metrics(), "test_");
            long asOf = splits.test().anchors().get(0);
            int[] population = new TrainingTableBuilder(db, q).population(asOf);
            int[] sample = Arrays.copyOf(population, Math.min(population.length, INFERENCE_ENTITIES));
            long s0 = System.nanoTime();
            m.score(sample, asOf);
            double inferMs = sample.length == 0 ? Double.NaN
                    : (System.nanoTime() - s0) / 1e6 / sample.length * 1000;
            List<double[]> gains = q.taskType() == TaskType.BINARY ? gains(m, splits.test()) : List.of();
            RunAudit audit = settings.leakageAudit() ? audit(task.id() + " × " + model, m, db, q, splits) : null;
            return new ModelRun(task.id(), model, "ok", val, test, trainSeconds, inferMs, heap,
                    ProcessReadings.peakRssMb(), gains, audit);
        }
    }

    /**
     * The leakage audit {@code train} and {@code baseline} run after fitting, on a model the bench fitted in memory:
     * a flat model masks its own features; a GNN is reopened against copies of the data with one input masked, so it
     * is saved to a temporary folder first (deleted afterwards). A failing audit costs the run its audit line, not
     * its numbers.
     */
    private RunAudit audit(String run, EntityModel m, Database db, PredictiveQuery q, TrainingSplits splits) {
        progress.accept(run + ": leakage audit");
        long t0 = System.nanoTime();
        AuditReport report = null;
        String failure = null;
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("relgraph-bench-audit-");
            Path bundle = scratch.resolve("model");
            boolean[] saved = {false};
            report = LeakageAudit.run(m, (d, g) -> {
                if (!saved[0]) {
                    m.save(bundle);
                    saved[0] = true;
                }
                return ModelLoader.load(bundle, d, g);
            }, db, splits.val(), LeakageAudit.AuditPlan.of(db.schema(), q, m.inputHops()));
        } catch (IOException | RuntimeException e) {
            failure = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        } finally {
            if (scratch != null) {
                try {
                    OutputFolder.deleteRecursively(scratch);
                } catch (IOException e) {
                    progress.accept(run + ": could not delete the audit's temporary folder " + scratch + ": "
                            + e.getMessage());
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (report == null) {
            progress.accept(run + ": leakage audit failed: " + failure);
            return RunAudit.failed(failure, seconds);
        }
        RunAudit audit = RunAudit.of(report, seconds);
        progress.accept(String.format(Locale.ROOT, "%s: leakage audit %s (val %s %.4f), %.1f s", run, audit.mark(),
                audit.metric(), audit.valMetric(), seconds));
        audit.warnings().forEach(w -> progress.accept(run + ": WARNING: " + w));
        audit.notes().forEach(n -> progress.accept(run + ": note: " + n));
        return audit;
    }

    /** Trains the registered kind {@code model} means for the task (the GNN's settings are the suite's). */
    private EntityModel fit(ModelKind kind, BenchTask task, Database db, PredictiveQuery q, TrainingSplits splits) {
        GnnTraining gnn = GnnTraining.of(GnnConfig.defaults().withEpochs(settings.gnnEpochs())
                .withHidden(settings.gnnHidden()));
        return kind.train(new TrainingRequest(db, q, splits, settings.seed(), threads, task.inputCutoffMs(), gnn,
                null));
    }

    /** Test scores grouped by anchor and scored as of it, as the gains curve a campaign would see. */
    private static List<double[]> gains(EntityModel m, TrainingTable test) {
        double[] scores = new double[test.size()];
        boolean[] labels = new boolean[test.size()];
        for (long anchor : test.anchors()) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < test.size(); i++) {
                if (test.anchorTime(i) == anchor) {
                    idx.add(i);
                }
            }
            int[] rows = idx.stream().mapToInt(i -> test.entityRow(i)).toArray();
            double[] s = m.score(rows, anchor);
            for (int j = 0; j < rows.length; j++) {
                scores[idx.get(j)] = s[j];
                labels[idx.get(j)] = test.label(idx.get(j)) > 0.5;
            }
        }
        boolean any = false;
        for (boolean b : labels) {
            any |= b;
        }
        if (!any) {
            return List.of();
        }
        return GainsCurve.of(scores, labels).sampled(50).stream()
                .map(p -> new double[] {p.fractionContacted(), p.fractionCaptured()}).toList();
    }

    private static Map<String, Double> strip(Map<String, Double> metrics, String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    private Database database(String dataset) throws Exception {
        Database db = loaded.get(dataset);
        if (db != null) {
            return db;
        }
        Path folder;
        if (dataset.equals("bank")) {
            progress.accept("bank: " + settings.bankCustomers() + " customers, seed " + settings.seed()
                    + " (generated once into the cache)");
            folder = datasets.syntheticBank(settings.bankCustomers(), settings.seed());
        } else {
            progress.accept(dataset + ": preparing / loading");
            folder = datasets.prepared(dataset);
        }
        db = DataSources.open(folder.toString()).load().database();
        loaded.put(dataset, db);
        return db;
    }

    /** Every table named must be in some task's data: a name in none is a typo. */
    private static void requireKnownTables(List<String> names, java.util.Collection<Database> data) {
        List<String> known = data.stream().flatMap(d -> d.schema().tableNames().stream()).distinct().toList();
        for (String n : names) {
            if (known.stream().noneMatch(n::equalsIgnoreCase)) {
                throw new SchemaException("--exclude-tables names table '" + n + "', which no benchmark task's data "
                        + "has", "tables are: " + String.join(", ", known)
                        + org.relgraph.query.DidYouMean.suffix(n, known));
            }
        }
    }

    private static String describe(BenchTask task, ModelRun run) {
        if (!run.ok()) {
            return task.id() + " × " + run.model() + ": " + run.status();
        }
        return String.format(Locale.ROOT, "%s × %s: val %s %.4f, test %s %.4f, fit %.1f s, %.1f ms / 1k entities",
                task.id(), run.model(), task.metric(), run.val().getOrDefault(task.metric(), Double.NaN),
                task.metric(), run.test().getOrDefault(task.metric(), Double.NaN), run.trainSeconds(),
                run.inferMsPer1000());
    }
}
