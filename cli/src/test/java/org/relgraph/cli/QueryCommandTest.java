package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankQueries;

/** The query command end to end on a small generated bank: plan, splits, training tables, query errors. */
class QueryCommandTest {
    static final String MORTGAGE = BankQueries.MORTGAGE;

    @TempDir
    static Path tmp;
    static Path bank;

    @BeforeAll
    static void generate() {
        bank = tmp.resolve("bank");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "400",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
    }

    @Test
    void printsPlanTaskTypeAndSplitsAndWritesTheTables() throws Exception {
        Path out = tmp.resolve("mortgage.csv");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", MORTGAGE, "--train-anchors", "3", "--out", out.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("Task type: BINARY"), r.out);
        // the load is reported on stderr, table by table, so stdout stays the command's result
        assertTrue(r.err.startsWith("Loading folder " + bank), r.err);
        assertTrue(r.err.matches("(?s).*\\n  customers +400 rows .*"), r.err);
        assertTrue(r.err.matches("(?s).*Loaded [\\d,]+ rows of 6 tables in .*"), r.err);
        assertTrue(r.out.contains("train: 3 anchors"), r.out);
        assertTrue(r.out.matches("(?s).*test: 1 anchors, \\d+ rows, positive rate 0\\.\\d+.*"), r.out);
        long lines = Files.lines(out).count();
        assertTrue(lines > 400, "header + rows of three splits, got " + lines);
    }

    /** Monthly train anchors of a 6-month window: six times the anchors of the default step, same val and test. */
    @Test
    void trainAnchorStepPlacesTrainAnchorsThatManyUnitsApart() {
        RelgraphCommandTest.Run tiled = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", MORTGAGE, "--train-anchors", "2");
        RelgraphCommandTest.Run monthly = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", MORTGAGE, "--train-anchors", "2", "--train-anchor-step", "1");
        assertEquals(0, monthly.code, monthly.err);
        assertTrue(tiled.out.contains("Split: train 2 anchors (2022-12-28T00:00:00Z .. 2023-06-28T00:00:00Z)"),
                tiled.out);
        assertTrue(monthly.out.contains("Split: train 2 anchors (2023-05-28T00:00:00Z .. 2023-06-28T00:00:00Z)"),
                monthly.out);
        RelgraphCommandTest.Run zero = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", MORTGAGE, "--train-anchor-step", "0");
        assertEquals(2, zero.code);
        // refused before the data is loaded
        assertTrue(zero.err.startsWith("error: --train-anchor-step must be at least 1, got 0\nhint: train anchors' "
                + "spacing in the window's units"), zero.err);
        assertFalse(zero.err.contains("Loading"), zero.err);
    }

    @Test
    void aMisspelledColumnPointsAtTheQueryWithACaret() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", MORTGAGE.replace("PRODUCT_HOLDINGS.PRODUCT =", "PRODUCT_HOLDINGS.PRODCT ="));
        assertEquals(2, r.code);
        assertTrue(r.err.contains("PRODCT") && r.err.contains("^^^^^^"), r.err);
        assertTrue(r.err.contains("did you mean"), r.err);
    }

    @Test
    void aMisspeltValueIsAnErrorWithACaretAndTheClosestValue() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", MORTGAGE.replace("PRODUCT = 'Mortgage', 0", "PRODUCT = 'Mortage', 0"));
        assertEquals(2, r.code, r.out + r.err);
        List<String> lines = r.errorLines();
        assertEquals("error: value 'Mortage' never occurs in product_holdings.product (6 distinct values), so the "
                + "comparison never matches at line 1, column 41", lines.get(0));
        assertEquals(" ".repeat(40) + "^^^^^^^^^", lines.get(2));
        assertEquals("hint: did you mean 'Mortgage'? (values are compared exactly, case included)", lines.get(3));
    }

    @Test
    void aNameNoCustomerHasIsOnlyAWarning() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", MORTGAGE + " AND CUSTOMERS.NAME != 'Zaphod Beeblebrox'", "--train-anchors", "2");
        assertEquals(0, r.code, r.err);
        assertTrue(r.err.contains("warning: value 'Zaphod Beeblebrox' never occurs in customers.name ("), r.err);
    }

    @Test
    void anUnrelatedTableWithLaterRowsLeavesTheDefaultSplitAlone() throws Exception {
        // The bank plus scores written back long after its last row, into a table the query does not read.
        Path withScores = tmp.resolve("bank-with-scores");
        Files.createDirectories(withScores);
        try (var files = Files.list(bank)) {
            for (Path f : files.toList()) {
                Files.copy(f, withScores.resolve(f.getFileName()));
            }
        }
        Files.writeString(withScores.resolve("model_scores.csv"),
                "score_id,customer_id,score,scored_at\n1,1,0.4,2027-03-01\n2,2,0.1,2027-03-01\n");
        Files.writeString(withScores.resolve("schema.yaml"), Files.readString(withScores.resolve("schema.yaml"))
                + "- name: model_scores\n  source: model_scores.csv\n  primary_key: score_id\n"
                + "  time_column: scored_at\n  columns:\n    score_id: id\n    customer_id: id\n"
                + "    score: numerical\n    scored_at: timestamp\n");
        String plain = splitLines(new RelgraphCommandTest.Run("query", "--data", bank.toString(), "--query", MORTGAGE));
        String scored = splitLines(new RelgraphCommandTest.Run("query", "--data", withScores.toString(), "--query",
                MORTGAGE));
        assertEquals(plain, scored);
        assertTrue(scored.matches("(?s).*, test 2024-06-\\d\\dT00:00:00Z, window \\(0, 6, months].*"),
                "six months before the last holding, not before the scores of 2027: " + scored);
        assertTrue(scored.contains("default split times from the query's tables: latest row in product_holdings ("),
                scored);
    }

    /** The Split: line and the line after it naming where its times come from. */
    private static String splitLines(RelgraphCommandTest.Run r) {
        assertEquals(0, r.code, r.err);
        List<String> lines = r.out.lines().toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).startsWith("Split: ")) {
                return lines.get(i) + "\n" + lines.get(i + 1);
            }
        }
        throw new AssertionError("no Split: line in " + r.out);
    }
}
