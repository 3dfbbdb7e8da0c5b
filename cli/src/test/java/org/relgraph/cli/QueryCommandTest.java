package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The query command end to end on a small generated bank: plan, splits, training tables, query errors. */
class QueryCommandTest {
    static final String MORTGAGE = "PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'";

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

    @Test
    void aMisspelledColumnPointsAtTheQueryWithACaret() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("query", "--data", bank.toString(),
                "--query", MORTGAGE.replace("PRODUCT_HOLDINGS.PRODUCT =", "PRODUCT_HOLDINGS.PRODCT ="));
        assertEquals(2, r.code);
        assertTrue(r.err.contains("PRODCT") && r.err.contains("^^^^^^"), r.err);
        assertTrue(r.err.contains("did you mean"), r.err);
    }
}
