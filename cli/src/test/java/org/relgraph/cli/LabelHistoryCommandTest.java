package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train / baseline --label-history, and predict / explain of the model it writes, as a user would run them. */
class LabelHistoryCommandTest {
    @TempDir
    static Path tmp;
    static Path bank;
    static Path model;

    @BeforeAll
    static void trainOnce() {
        bank = tmp.resolve("bank");
        model = tmp.resolve("history-model");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--epochs", "1", "--hidden", "16",
                "--fanouts", "5,3", "--batch-size", "256", "--label-history", "on", "--out", model.toString());
        assertEquals(0, t.code, t.err);
        assertTrue(t.out.contains("test_auroc"), t.out);
    }

    @Test
    void theBundleRecordsItAndExplainNamesIt() throws Exception {
        assertTrue(new ObjectMapper().readTree(model.resolve("bundle.json").toFile()).path("config").path("task")
                .path("labelHistory").asBoolean(false), "bundle.json's config.task.labelHistory");
        Path csv = tmp.resolve("scores.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--top", "1", "--out", csv.toString(), "--show", "0");
        assertEquals(0, p.code, p.err);
        String best = Files.readAllLines(csv).get(1).split(",")[0];
        RelgraphCommandTest.Run x = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best, "--top", "100");
        assertEquals(0, x.code, x.err);
        assertTrue(x.out.lines().anyMatch(l -> l.matches("  \\d+\\. CUSTOMERS label history: [a-z -]+ (= [-0-9.,]+|none)"
                + " — \\d+ % [↑↓]")), x.out);
    }

    @Test
    void aValueOtherThanOnOrOffIsRefused() {
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--label-history", "yes", "--out",
                tmp.resolve("never").toString());
        assertEquals(2, t.code, t.out + t.err);
        List<String> error = t.errorLines();
        assertEquals("error: --label-history must be on or off, got 'yes'", error.get(0), t.err);
        assertEquals("hint: e.g. --label-history on", error.get(1), t.err);
        assertTrue(!Files.exists(tmp.resolve("never")), "nothing written");
    }

    @Test
    void aBaselineOtherThanFlatXgboostRefusesIt() {
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "rules", "--data",
                bank.toString(), "--query", QueryCommandTest.MORTGAGE, "--label-history", "on", "--out",
                tmp.resolve("never").toString());
        assertEquals(2, b.code, b.out + b.err);
        assertEquals("error: --label-history applies to --kind flat-xgboost, not rules", b.errorLines().get(0), b.err);
    }

    @Test
    void aRankingQueryRefusesIt() {
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", NBA, "--train-anchors", "2", "--epochs", "1", "--label-history", "on", "--out",
                tmp.resolve("never").toString());
        assertEquals(2, t.code, t.out + t.err);
        assertEquals("error: label history needs a BINARY or REGRESSION query; this one is RANKING",
                t.errorLines().get(0), t.err);
        assertEquals("hint: turn it off with --label-history off", t.errorLines().get(1), t.err);
    }

    private static final String NBA = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 30, days) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID";
}
