package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train → evaluate → predict through the CLI on a small generated bank, as a user would run them. */
class TrainPredictCommandTest {
    @TempDir
    static Path tmp;
    static Path bank;
    static Path model;
    static String trainErr;

    @BeforeAll
    static void trainOnce() {
        bank = tmp.resolve("bank");
        model = tmp.resolve("model");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--epochs", "1", "--hidden", "16",
                "--fanouts", "5,3", "--batch-size", "256", "--out", model.toString());
        assertEquals(0, t.code, t.err);
        assertTrue(t.out.contains("test_auroc"), t.out);
        trainErr = t.err;
    }

    /** The lines of {@code err} drawing the bar labelled {@code label} (non-interactive: one per tenth reached). */
    private static List<String> barLines(String err, String label) {
        return err.lines().filter(l -> l.startsWith(label + " [")).toList();
    }

    /** Bars and epoch summaries go to the command's error stream, so a caller that redirects it gets them all. */
    @Test
    void trainsEpochBarAndSummaryGoToTheCommandsErrorStream() {
        assertEquals(1, barLines(trainErr, "epoch 1/1").stream().filter(l -> l.contains("100%")).count(), trainErr);
        assertTrue(trainErr.lines().anyMatch(l -> l.matches("epoch 1: loss \\d+\\.\\d{4}, val AUROC .*")), trainErr);
    }

    @Test
    void trainShowsABarForTheValidationAndTestPasses() {
        // One epoch: its validation pass is the only one over val (calibration and val metrics reuse it).
        for (String label : List.of("scoring val", "scoring test")) {
            List<String> bar = barLines(trainErr, label);
            assertEquals(1, bar.stream().filter(l -> l.contains("100%")).count(), label + ":\n" + trainErr);
            assertTrue(bar.get(bar.size() - 1).matches(label + " \\[#+\\] 100% ([\\d,]+)/\\1 examples .*"),
                    bar.toString());
        }
    }

    @Test
    void predictShowsAScoringBarOnStderrRisingToThePopulation() throws Exception {
        Path csv = tmp.resolve("scores-with-bar.csv");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2024-06-30", "--out", csv.toString(), "--show", "0");
        assertEquals(0, r.code, r.err);
        java.util.regex.Matcher scored = java.util.regex.Pattern.compile("Scoring ([\\d,]+) customers").matcher(r.out);
        assertTrue(scored.find(), r.out);
        String population = scored.group(1);
        List<String> bar = barLines(r.err, "scoring");
        assertTrue(bar.size() > 1, "several batches, several lines: " + r.err);
        long previous = -1;
        for (String line : bar) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(" ([\\d,]+)/" + population + " entities ")
                    .matcher(line);
            assertTrue(m.find(), line);
            long done = Long.parseLong(m.group(1).replace(",", ""));
            assertTrue(done > previous, bar.toString());
            previous = done;
        }
        assertEquals(population.replace(",", ""), Long.toString(previous), "the bar ends at the population");
        assertTrue(!r.out.contains("scoring ["), "the bar is on stderr only");
        assertTrue(Files.readAllLines(csv).stream().noneMatch(l -> l.contains("[#")), "and not in the file");
    }

    @Test
    void anAsOfBeforeTheDataIsRefusedAndOneLongAfterItIsScoredWithAWarning() {
        RelgraphCommandTest.Run before = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "1950-01-01", "--show", "0");
        assertEquals(2, before.code, before.out + before.err);
        assertTrue(before.errorLines().get(0).startsWith("error: --as-of 1950-01-01 is before the data starts (rows "
                + "span "), before.err);
        RelgraphCommandTest.Run after = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2026-06-30", "--top", "5", "--show", "0");
        assertEquals(0, after.code, after.err);
        assertTrue(after.err.matches("(?s).*\\nwarning: --as-of 2026-06-30 is \\d+ days after the data's last row "
                + "\\(rows span .* \\.\\. 2024-12-31T.*"), after.err);
        RelgraphCommandTest.Run nextDay = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2025-01-02", "--top", "5", "--show", "0");
        assertEquals(0, nextDay.code, nextDay.err);
        assertTrue(!nextDay.err.contains("warning:"), "daily re-scoring after the last load is quiet: " + nextDay.err);
    }

    @Test
    void aSplitWithoutPositivesStopsTrainingBeforeTheFirstEpochAndWritesNothing() {
        Path out = tmp.resolve("never-trained");
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--val-time", "2025-06-01", "--test-time", "2026-01-01",
                "--train-anchors", "2", "--epochs", "1", "--hidden", "8", "--out", out.toString());
        assertEquals(2, t.code, t.out + t.err);
        List<String> error = t.errorLines();
        assertTrue(error.get(0).startsWith("error: the val split has only negative labels ("), t.err);
        assertTrue(error.get(0).contains("(anchor 2025-06-01, labels from product_holdings rows in (2025-06-01, "
                + "2025-12-01])"), t.err);
        assertTrue(error.get(1).startsWith("hint: check the values in the target's condition") && error.get(1)
                .contains("(--val-time, --test-time)"), t.err);
        assertTrue(!t.err.contains("epoch 1:") && !Files.exists(out), "no epoch ran, no bundle: " + t.err);
    }

    @Test
    void evaluateRebuildsTheTestTableFromTheBundle() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString(), "--split", "test");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("test: 1 anchors"), r.out);
        assertTrue(r.out.matches("(?s).*auroc\\s+0\\.\\d{4}.*"), r.out);
        assertTrue(r.out.contains("lift@10%"), r.out);
    }

    @Test
    void predictWritesARankedTieredFileNamedAfterTheQuery() throws Exception {
        Path csv = tmp.resolve("scores.csv");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2024-06-30", "--out", csv.toString(), "--show", "3");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("CUSTOMER_ID,NAME,MORTGAGE_PROPENSITY,RANK,RECOMMENDED_ACTION", lines.get(0));
        assertTrue(lines.size() > 100, "every eligible customer is scored: " + lines.size());
        double previous = Double.POSITIVE_INFINITY;
        for (String line : lines.subList(1, lines.size())) {
            double p = Double.parseDouble(line.split(",")[2]);
            assertTrue(p >= 0 && p <= 1 && p <= previous, "scores are probabilities, best first: " + line);
            previous = p;
        }
        assertTrue(lines.get(1).endsWith(",1,Priority Outreach"), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).endsWith("Suppress"), lines.get(lines.size() - 1));
    }

    @Test
    void dailyRescoringIntoPostgresReplacesOnlyThatDaysRows() throws Exception {
        String url = System.getenv("RELGRAPH_TEST_PG_URL");
        org.junit.jupiter.api.Assertions.assertFalse(url == null && System.getenv("RELGRAPH_REQUIRE_PG") != null,
                "RELGRAPH_REQUIRE_PG is set but RELGRAPH_TEST_PG_URL is not");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "RELGRAPH_TEST_PG_URL not set: skipping");
        String table = "scores_" + Long.toHexString(System.nanoTime());
        String target = url + (url.contains("?") ? "&" : "?") + "table=" + table;
        try {
            for (String day : new String[] {"2024-06-01", "2024-06-02", "2024-06-01"}) {
                RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                        "--data", bank.toString(), "--as-of", day, "--top", "50", "--out", target, "--show", "0");
                assertEquals(0, r.code, r.err);
                assertTrue(!r.out.contains("password=relgraph"), "the password must not be printed: " + r.out);
            }
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                 java.sql.Statement s = c.createStatement();
                 java.sql.ResultSet rs = s.executeQuery("SELECT as_of_date, count(*), min(rank), max(rank) FROM "
                         + table + " GROUP BY as_of_date ORDER BY as_of_date")) {
                List<String> rows = new java.util.ArrayList<>();
                while (rs.next()) {
                    rows.add(rs.getString(1) + " " + rs.getLong(2) + " " + rs.getLong(3) + "-" + rs.getLong(4));
                }
                assertEquals(List.of("2024-06-01 50 1-50", "2024-06-02 50 1-50"), rows,
                        "a re-run of a day replaces that day's rows; other days are untouched");
            }
        } finally {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
                 java.sql.Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    @Test
    void aCorruptBundleIsRefusedWithAHint() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        try (var files = Files.list(model)) {
            for (Path f : files.toList()) {
                Files.copy(f, broken.resolve(f.getFileName()));
            }
        }
        byte[] weights = Files.readAllBytes(broken.resolve("weights.bin"));
        weights[weights.length / 2] ^= 0x5a;
        Files.write(broken.resolve("weights.bin"), weights);
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", broken.toString(),
                "--data", bank.toString());
        assertEquals(2, r.code, r.out + r.err);
        assertTrue(r.err.contains("weights.bin") && r.err.contains("hint:"), r.err);
    }

    /** A copy of the bank with customers.csv rewritten line by line, header first, and schema.yaml edited. */
    private static Path changedBank(String name, java.util.function.UnaryOperator<String[]> customerRow,
                                    java.util.function.UnaryOperator<String> schemaYaml) throws Exception {
        Path copy = tmp.resolve(name);
        Files.createDirectories(copy);
        try (var files = Files.list(bank)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        List<String> lines = Files.readAllLines(copy.resolve("customers.csv"));
        List<String> changed = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            changed.add(String.join(",", customerRow.apply(cells)));
        }
        Files.write(copy.resolve("customers.csv"), changed);
        Path schema = copy.resolve("schema.yaml");
        Files.writeString(schema, schemaYaml.apply(Files.readString(schema)));
        return copy;
    }

    /** customers.csv: customer_id,name,age,segment,... — rows 1-3 get {@code first}, rows 4-5 {@code second}. */
    private static Path withNewSegments(String name, String first, String second) throws Exception {
        return changedBank(name, cells -> {
            if (!cells[0].equals("customer_id") && Long.parseLong(cells[0]) <= 5) {
                long id = Long.parseLong(cells[0]);
                cells[3] = id <= 3 ? first : second;
            }
            return cells;
        }, yaml -> yaml);
    }

    @Test
    void categoryValuesNeverSeenInTrainingFallBackToTheUnknownBucket() throws Exception {
        Path a = withNewSegments("bank-new-segments", "Platinum", "Diamond");
        Path csvA = tmp.resolve("new-segments.csv");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", a.toString(), "--as-of", "2024-06-30", "--out", csvA.toString(), "--show", "0");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("note: 2 values of customers.segment unseen in training → unknown bucket "
                + "(5 rows; e.g. 'Platinum', 'Diamond')"), r.out);
        // Both new values share the unknown code, so other never-seen names give the very same scores.
        Path b = withNewSegments("bank-other-new-segments", "Zeta", "Omega");
        Path csvB = tmp.resolve("other-new-segments.csv");
        RelgraphCommandTest.Run other = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", b.toString(), "--as-of", "2024-06-30", "--out", csvB.toString(), "--show", "0");
        assertEquals(0, other.code, other.err);
        assertTrue(other.out.contains("2 values of customers.segment unseen in training"), other.out);
        assertEquals(Files.readAllLines(csvA), Files.readAllLines(csvB));
        RelgraphCommandTest.Run unchanged = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2024-06-30", "--show", "0");
        assertEquals(0, unchanged.code, unchanged.err);
        assertTrue(!unchanged.out.contains("note:"), "nothing to note on the training data: " + unchanged.out);
    }

    @Test
    void aColumnWhoseTypeChangedSinceTrainingIsAOneLineErrorNamingIt() throws Exception {
        Path changed = changedBank("bank-age-text", cells -> {
            cells[2] = cells[0].equals("customer_id") ? cells[2] : "about " + cells[2];
            return cells;
        }, yaml -> yaml.replace("    age: numerical", "    age: categorical"));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", changed.toString(), "--show", "0");
        assertEquals(2, r.code, r.out + r.err);
        assertEquals(List.of("error: column customers.age was numerical when the model was trained and is "
                        + "categorical now",
                "hint: make age numerical again (its values and its type in schema.yaml), or retrain the model on "
                        + "the current data"), r.errorLines());
    }

    @Test
    void aColumnMissingSinceTrainingIsAOneLineErrorNamingIt() throws Exception {
        Path changed = changedBank("bank-no-segment", cells -> {
            List<String> kept = new java.util.ArrayList<>(List.of(cells));
            kept.remove(3);
            return kept.toArray(String[]::new);
        }, yaml -> yaml.replace("    segment: categorical\n", ""));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", changed.toString());
        assertEquals(2, r.code, r.out + r.err);
        List<String> lines = r.errorLines();
        assertEquals(2, lines.size(), r.err);
        assertEquals("error: column customers.segment is missing from the data, but the model was trained on it",
                lines.get(0));
        assertTrue(lines.get(1).startsWith("hint: restore column 'segment'"), r.err);
    }
}
