package org.relgraph.cli;

import org.relgraph.options.Device;
import org.relgraph.options.OptionChecks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relgraph.benchmarks.suite.BenchSuite;
import org.relgraph.benchmarks.suite.SuiteSettings;
import org.relgraph.datasets.PreparedDatasets;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Runs every model on every benchmark task and writes a report folder. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {
            "Run the benchmark suite: rules, entity-gbdt, flat-xgboost, cf (ranking) and the GNN on the bank "
                + "mortgage propensity, bank next best action, rel-f1 driver-dnf / driver-top3 / driver-position "
                + "and berka loan tasks. Reports val and test metrics, fit time, inference time per 1,000 entities, "
                + "peak memory, RelBench's published numbers and the bank's Bayes-optimal AUROC, plus the business "
                + "view (conversion in the top 20/30 %% vs random, offers saved). Writes README.md, results.json "
                + "and PNG charts into --out, atomically. rel-f1 and berka are skipped when their raw files are "
                + "absent from --data-home.",
            "",
            "Examples:",
            "  relgraph bench --suite quick --out bench-quick",
            "  relgraph bench --suite quick --tasks bank-mortgage,bank-nba --models rules,flat-xgboost,cf --out b",
            "  relgraph bench --suite full --out bench-full",
            "  relgraph bench --suite quick --tasks bank-mortgage --models rules,flat-xgboost --leakage-audit --out b",
            ""
        })
public final class BenchCommand implements Callable<Integer> {
    @Option(names = "--suite", defaultValue = "quick", paramLabel = "NAME",
            description = "quick (5k-customer bank, 3 GNN epochs; rel-f1 with RelBench's full protocol) "
                    + "or full (100k-customer bank, RelBench's full rel-f1 protocol, 10 epochs). Default "
                    + "${DEFAULT-VALUE}.")
    String suite;

    @Option(names = "--tasks", split = ",", paramLabel = "ID",
            description = "Only these tasks: bank-mortgage, bank-nba, f1-driver-dnf, f1-driver-top3, "
                    + "f1-driver-position, berka-loan.")
    List<String> tasks;

    @Option(names = "--models", split = ",", paramLabel = "ID",
            description = "Only these models: rules, entity-gbdt, flat-xgboost, cf, gnn (the default set), and "
                    + "the kinds that combine models, run only when named: gnn-ensemble (3 GNN seeds), "
                    + "gnn-xgb-blend (GNN and flat XGBoost, weight chosen on val).")
    List<String> models;

    @Option(names = "--exclude-tables", split = ",", paramLabel = "TABLE",
            description = "Leave these tables (and the foreign keys into them) out of every task's data that has "
                    + "them, beside the tables a task leaves out itself (berka-loan: orders).")
    List<String> excludeTables;

    @Option(names = "--leakage-audit",
            description = "After fitting each model, run the leakage audit train and baseline run: score validation "
                    + "once per table within the model's reach and once per entity column, each masked in turn, and "
                    + "flag a table without a time column the model leans on, or a val AUROC > 0.97 / R2 > 0.95. "
                    + "The report gets a leakage audit column, the flags per task and model, and the audit's cost. "
                    + "Off by default: it adds one validation pass per table and entity column to every model × "
                    + "task.")
    boolean leakageAudit;

    @Option(names = "--bank-customers", paramLabel = "N", description = "Override the suite's bank size.")
    Integer bankCustomers;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed for the bank and every model (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--device", defaultValue = "CPU", paramLabel = "DEVICE",
            description = "cpu or cuda (the GNN's ND4J backend; default ${DEFAULT-VALUE}).")
    Device device;

    @Option(names = "--threads", defaultValue = "2", paramLabel = "N",
            description = "XGBoost threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--data-home", paramLabel = "DIR",
            description = "Folder holding the raw rel-f1 (f1/) and berka (berka/) files. Default: "
                    + "$RELGRAPH_DATA_HOME or ../shared/data.")
    Path dataHome;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where generated banks and prepared datasets are kept. Default: $RELGRAPH_CACHE or "
                    + "~/.cache/relgraph.")
    Path cache;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Report folder (replaced atomically).")
    Path out;

    @Option(names = "--force",
            description = "Replace DIR even if it holds files relgraph did not write (they are deleted). "
                    + "Without it, only an empty folder or relgraph's own output there is replaced.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        OutputFolder.checkDestination(out, ReplacePolicy.force(force));
        device.require();
        OptionChecks.atLeast("--bank-customers", bankCustomers, 1, "the synthetic bank's size, e.g. 5000");
        OptionChecks.atLeast("--threads", threads, 1, "XGBoost threads, e.g. --threads 2");
        SuiteSettings settings = SuiteSettings.named(suite, seed);
        if (tasks != null) {
            settings = settings.withTasks(tasks);
        }
        if (models != null) {
            settings = settings.withModels(models);
        }
        if (excludeTables != null) {
            settings = settings.withExcludedTables(excludeTables);
        }
        if (bankCustomers != null) {
            settings = settings.withBankCustomers(bankCustomers);
        }
        settings = settings.withLeakageAudit(leakageAudit);
        pw.printf(Locale.ROOT, "Benchmark suite %s, seed %d, device %s%n", settings.name(), seed,
                device.name().toLowerCase(Locale.ROOT));
        pw.flush();
        long t0 = System.nanoTime();
        BenchSuite.Finished done = BenchSuite.run(settings,
                dataHome != null ? dataHome : PreparedDatasets.defaultDataHome(),
                cache != null ? cache : PreparedDatasets.defaultCacheHome(), threads, out,
                ReplacePolicy.force(force), line -> {
                    pw.printf(Locale.ROOT, "[%s] %s%n", ProgressBar.formatSeconds((System.nanoTime() - t0) / 1e9),
                            line);
                    pw.flush();
                });
        pw.printf(Locale.ROOT, "Finished in %.0f s (peak memory %s). Report: %s%n", done.seconds(),
                PeakMemory.describe(), done.report());
        pw.flush();
        return 0;
    }
}
