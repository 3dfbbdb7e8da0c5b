package org.relgraph.models.output;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures rows/s of writing a 5-column score table (CUSTOMER_ID, NAME, PROPENSITY, RANK, RECOMMENDED_ACTION) to
 * CSV, Parquet, JSON Lines and, when RELGRAPH_TEST_PG_URL is set, PostgreSQL. Each figure is the whole
 * open-append-commit cycle, fsync and rename or the database transaction included. A measurement tool, not a
 * test. Run with the test classpath:
 * {@code java -cp <test classpath> org.relgraph.models.output.ScoreOutputThroughputProbe [rows] [repeats]}.
 */
public final class ScoreOutputThroughputProbe {
    private static final String[] ACTIONS = {"offer_mortgage", "call_advisor", "email_rate_alert", "no_action"};

    private ScoreOutputThroughputProbe() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ScoreTable table = scores(rows, new Random(42));
        WriteOptions run = new WriteOptions(LocalDate.of(2025, 3, 31), "probe");
        Path folder = Files.createTempDirectory("relgraph-output-probe");
        try {
            for (String file : List.of("scores.csv", "scores.parquet", "scores.json")) {
                Path target = folder.resolve(file);
                report(file, rows, best(repeats, () -> ScoreOutputs.write(target.toString(), run, table)),
                        Files.size(target));
            }
            String url = System.getenv("RELGRAPH_TEST_PG_URL");
            if (url != null) {
                String probeTable = TestPostgres.uniqueName("probe_scores");
                try {
                    report("postgresql", rows, best(repeats, () -> ScoreOutputs.write(
                            TestPostgres.withParams(url, "table=" + probeTable), run, table)), -1);
                } finally {
                    try (Connection db = DriverManager.getConnection(url); Statement s = db.createStatement()) {
                        s.execute("DROP TABLE IF EXISTS " + probeTable);
                    }
                }
            } else {
                System.out.println("postgresql: skipped, RELGRAPH_TEST_PG_URL is not set");
            }
        } finally {
            try (var files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(folder);
        }
    }

    private static ScoreTable scores(int rows, Random random) {
        long[] ids = new long[rows];
        String[] names = new String[rows];
        double[] propensity = new double[rows];
        long[] rank = new long[rows];
        String[] action = new String[rows];
        for (int i = 0; i < rows; i++) {
            ids[i] = 1_000_000L + i;
            names[i] = "Customer " + Long.toString(random.nextLong() & 0xffffffL, 36);
            propensity[i] = random.nextDouble();
            rank[i] = i + 1;
            action[i] = ACTIONS[random.nextInt(ACTIONS.length)];
        }
        return new ScoreTable(List.of(ScoreColumn.integers("CUSTOMER_ID", ids), ScoreColumn.strings("NAME", names),
                ScoreColumn.doubles("PROPENSITY", propensity), ScoreColumn.integers("RANK", rank),
                ScoreColumn.strings("RECOMMENDED_ACTION", action)));
    }

    /** The fastest of the runs, in nanoseconds: the first run also pays for class loading and DuckDB start-up. */
    private static long best(int repeats, Runnable write) {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            write.run();
            best = Math.min(best, System.nanoTime() - start);
        }
        return best;
    }

    private static void report(String target, int rows, long nanos, long bytes) {
        System.out.printf(Locale.ROOT, "%-15s %,10d rows in %6.2f s = %,12.0f rows/s%s%n", target, rows, nanos / 1e9,
                rows / (nanos / 1e9), bytes < 0 ? "" : String.format(Locale.ROOT, "  (%,d bytes)", bytes));
    }
}
