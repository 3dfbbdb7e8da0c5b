package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** explain and predict --explain through the CLI on a small generated bank, as a user would run them. */
class ExplainCommandTest {
    @TempDir
    static Path tmp;
    static Path bank;
    static Path model;
    static String best;

    @BeforeAll
    static void trainOnce() throws Exception {
        bank = tmp.resolve("bank");
        model = tmp.resolve("model");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--epochs", "1", "--hidden", "16",
                "--fanouts", "5,3", "--batch-size", "256", "--out", model.toString());
        assertEquals(0, t.code, t.err);
        Path csv = tmp.resolve("top.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--top", "1", "--out", csv.toString());
        assertEquals(0, p.code, p.err);
        best = Files.readAllLines(csv).get(1).split(",")[0];
    }

    @Test
    void anAsOfBeforeTheDataStartsIsRefused() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best, "--as-of", "1950-01-01");
        assertEquals(2, r.code, r.out + r.err);
        assertTrue(r.errorLines().get(0).startsWith("error: --as-of 1950-01-01 is before the data starts"), r.err);
    }

    @Test
    void explainPrintsTheScoreAndNumberedReasonsWithSignedShares() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best, "--top", "4");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.startsWith("CUSTOMERS " + best + " as of "), r.out);
        assertTrue(r.out.contains("MORTGAGE_PROPENSITY 0."), r.out);
        assertTrue(r.out.contains("(50 steps)"), r.out);
        // the propensity and the logit the attributions add up to are told apart
        List<String> lines = r.out.lines().toList();
        assertTrue(lines.get(0).matches(".*: MORTGAGE_PROPENSITY 0\\.\\d{4} \\(probability\\)"), r.out);
        assertTrue(lines.get(1).matches("  logit -?\\d+\\.\\d{3} \\(raw model score, before calibration\\) "
                + "vs -?\\d+\\.\\d{3} with nothing known; .*"), r.out);
        long reasons = r.out.lines().filter(l -> l.matches("  [1-4]\\. [A-Z_]+ .* — \\d+ % [↑↓]")).count();
        assertEquals(4, reasons, r.out);
    }

    @Test
    void jsonHasOneObjectPerEntityWithReasonsAndCompleteness() throws Exception {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best, "--entity", "1", "--format", "json", "--as-of",
                "2024-06-30");
        assertEquals(0, r.code, r.err);
        JsonNode all = new ObjectMapper().readTree(r.out);
        assertEquals(2, all.size());
        JsonNode first = all.get(0);
        assertEquals(best, first.get("key").asText());
        assertEquals("2024-06-30T00:00:00Z", first.get("as_of").asText());
        assertTrue(first.get("completeness_delta").asDouble()
                <= 0.05 * Math.abs(first.get("output").asDouble() - first.get("baseline_output").asDouble()));
        assertEquals(5, first.get("reasons").size(), "default --top 5");
        for (JsonNode reason : first.get("reasons")) {
            double share = reason.get("share").asDouble();
            assertTrue(share > 0 && share <= 1, reason.toString());
            assertEquals(reason.get("attribution").asDouble() > 0 ? "raises" : "lowers",
                    reason.get("direction").asText());
        }
    }

    @Test
    void rowsListsTheRelatedRowsWhoseConnectionMatteredMost() throws Exception {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best, "--top", "2", "--rows", "3");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("related rows that mattered most"), r.out);
        long rows = r.out.lines().filter(l -> l.matches("    [A-Z_]+ \\d+ \\(.*\\) — \\d+ % [↑↓]")).count();
        assertEquals(3, rows, r.out);
        RelgraphCommandTest.Run j = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best, "--rows", "2", "--format", "json");
        assertEquals(0, j.code, j.err);
        assertEquals(2, new ObjectMapper().readTree(j.out).get(0).get("rows").size(), j.out);
    }

    @Test
    void anUnknownEntityIdIsOneLineNamingTableAndIdWithAHint() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", "no-such-customer");
        assertEquals(UserErrorHandler.USER_ERROR, r.code, r.out);
        assertTrue(r.err.contains("no CUSTOMERS row has customer_id = 'no-such-customer'"), r.err);
        assertTrue(r.err.contains("hint: ") && r.err.contains("relgraph predict"), r.err);
    }

    @Test
    void anEntityCreatedAfterTheAsOfTimeIsNamedByItsKey() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best, "--as-of", "1990-01-01");
        assertEquals(UserErrorHandler.USER_ERROR, r.code, r.out);
        assertTrue(r.err.contains("CUSTOMERS " + best + " was created at ") && r.err.contains("after the as-of"),
                r.err);
        assertTrue(r.err.contains("hint: pass a later --as-of"), r.err);
    }

    @Test
    void predictExplainAddsTheTopReasonsAsColumns() throws Exception {
        Path csv = tmp.resolve("explained.csv");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--top", "5", "--explain", "2", "--out", csv.toString());
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("explanations/s"), r.out);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("CUSTOMER_ID,NAME,MORTGAGE_PROPENSITY,RANK,RECOMMENDED_ACTION,REASON_1,REASON_2", lines.get(0));
        assertEquals(6, lines.size());
        assertTrue(lines.get(1).startsWith(best + ","), lines.get(1));
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.matches(".*— \\d+ % [↑↓]\"?,.*— \\d+ % [↑↓]\"?"), line);
        }
    }
}
