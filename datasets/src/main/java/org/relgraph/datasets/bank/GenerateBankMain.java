package org.relgraph.datasets.bank;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Command-line entry for measuring the generator without the CLI module:
 * {@code java -cp ... org.relgraph.datasets.bank.GenerateBankMain OUT CUSTOMERS [SEED] [csv|csv.gz|parquet]}.
 * Prints rows per table, wall time and the oracle ceiling at three anchors.
 */
public final class GenerateBankMain {
    private GenerateBankMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: GenerateBankMain OUT CUSTOMERS [SEED] [csv|csv.gz|parquet] [--no-oracle]");
            System.exit(2);
        }
        BankConfig config = BankConfig.of(Integer.parseInt(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 42);
        String format = args.length > 3 ? args[3] : "csv";
        config = switch (format) {
            case "csv" -> config;
            case "csv.gz" -> config.withGzip(true);
            case "parquet" -> config.withFormat(OutputFormat.PARQUET);
            default -> throw new IllegalArgumentException("format must be csv, csv.gz or parquet: " + format);
        };
        boolean oracle = args.length <= 4 || !args[4].equals("--no-oracle");
        int[] lastPercent = {-1};
        GenerationReport report = new BankGenerator(config).generate(Path.of(args[0]), (done, total) -> {
            int percent = (int) (100 * done / total);
            if (percent / 10 != lastPercent[0] / 10) {
                lastPercent[0] = percent;
                System.err.printf(Locale.ROOT, "  %3d%% (%d/%d customers)%n", percent, done, total);
            }
        });
        System.out.printf(Locale.ROOT, "generated %s in %.2f s%n", report.folder(), report.elapsed().toMillis() / 1000.0);
        report.rowCounts().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-20s %,d rows%n", e.getKey().tableName(), e.getValue()));
        if (oracle) {
            long t0 = System.nanoTime();
            for (OracleResult r : new MortgageOracle(config).evaluate(12, 24, 30)) {
                System.out.println(r);
            }
            System.out.printf(Locale.ROOT, "oracle replay %.2f s%n", (System.nanoTime() - t0) / 1e9);
        }
    }
}
