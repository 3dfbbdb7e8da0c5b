package org.relgraph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.GenerationReport;
import org.relgraph.datasets.bank.MortgageOracle;
import org.relgraph.datasets.bank.OracleResult;
import org.relgraph.datasets.bank.OutputFormat;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Writes the synthetic retail bank: six tables simulated month by month, with planted signals. */
@Command(name = "bank", mixinStandardHelpOptions = true,
        description = {
            "Simulate a retail bank month by month (customers, transactions, balances, product holdings, product "
                + "catalogue, offers and responses) with planted signals of known strength, and write it as "
                + "CSV or Parquet plus schema.yaml. Deterministic for --seed. See datasets/README.md for the "
                + "signals and the oracle AUROC.",
            "",
            "Examples:",
            "  relgraph generate bank --customers 10000 --out data/bank",
            "  relgraph generate bank --customers 1000000 --format parquet --out /big/bank-1m",
            ""
        })
public final class GenerateBankCommand implements Callable<Integer> {
    @Option(names = "--customers", defaultValue = "10000", paramLabel = "N",
            description = "Number of customers (default ${DEFAULT-VALUE}; ~100 transactions each over 3 years).")
    int customers;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--months", defaultValue = "36", description = "Months simulated (default ${DEFAULT-VALUE}).")
    int months;

    @Option(names = "--format", defaultValue = "csv", paramLabel = "csv|csv.gz|parquet",
            description = "Output format (default ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder (must not exist "
            + "or be empty; written to a temporary folder first and renamed when complete).")
    Path out;

    @Option(names = "--force", description = "Replace an existing output folder.")
    boolean force;

    @Option(names = "--oracle", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print the Bayes-optimal AUROC of the mortgage task (default: on).")
    boolean oracle;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (customers <= 0) {
            throw new SchemaException("--customers must be positive, got " + customers, "e.g. --customers 10000");
        }
        if (months < 12 || months > 600) {
            throw new SchemaException("--months must be between 12 and 600, got " + months,
                    "the bank's tasks need at least a year of history; e.g. --months 36");
        }
        BankConfig config = BankConfig.of(customers, seed).withMonths(months);
        config = switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> config;
            case "csv.gz" -> config.withGzip(true);
            case "parquet" -> config.withFormat(OutputFormat.PARQUET);
            default -> throw new SchemaException("unknown --format '" + format + "'", "use csv, csv.gz or parquet");
        };
        if (Files.exists(out) && !isEmptyDir(out)) {
            if (!force) {
                throw new SchemaException("output folder " + out + " exists and is not empty",
                        "choose another --out or pass --force to replace it");
            }
            org.relgraph.io.OutputFolder.deleteRecursively(out);
        }
        PrintWriter pw = spec.commandLine().getOut();
        GenerationReport report;
        try (ProgressBar bar = new ProgressBar("generate bank", customers, "customers")) {
            report = new BankGenerator(config).generate(out, bar::update);
        }
        pw.printf(Locale.ROOT, "Wrote %s in %.1f s (peak memory %s):%n", report.folder(),
                report.elapsed().toMillis() / 1000.0, PeakMemory.describe());
        report.rowCounts().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e ->
                pw.printf(Locale.ROOT, "  %-22s %,14d rows%n", e.getKey().tableName(), e.getValue()));
        if (oracle) {
            LocalDate anchor = config.startDate().plusMonths(Math.max(1, months - 12L));
            OracleResult r = new MortgageOracle(config).evaluate(anchor);
            pw.printf(Locale.ROOT, "Mortgage within 6 months of %s: %,d eligible customers, positive rate %.2f%%, "
                    + "oracle (Bayes-optimal) AUROC %.3f%n", r.anchor(), r.eligible(), 100 * r.positiveRate(),
                    r.expectedAuroc());
        }
        pw.flush();
        return 0;
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
