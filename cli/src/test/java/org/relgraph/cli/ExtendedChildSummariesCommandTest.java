package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --extended-child-summaries as a user runs it: recorded in the bundle, used by predict, refused with --no-. */
class ExtendedChildSummariesCommandTest {
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
    void theBundleRecordsItAndPredictScoresWithIt() throws Exception {
        Path model = tmp.resolve("extended-model");
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--epochs", "1", "--hidden", "16",
                "--fanouts", "5,3", "--batch-size", "256", "--extended-child-summaries", "--no-leakage-audit",
                "--out", model.toString());
        assertEquals(0, t.code, t.err);
        assertTrue(new ObjectMapper().readTree(model.resolve("bundle.json").toFile()).path("config").path("task")
                .path("extendedChildSummaries").asBoolean(false), "bundle.json's config.task.extendedChildSummaries");
        assertTrue(Files.readString(model.resolve("encoding.json")).contains("\"windowSums\" : true"));
        Path csv = tmp.resolve("scores.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--out", csv.toString(), "--show", "0");
        assertEquals(0, p.code, p.err);
        assertTrue(Files.readAllLines(csv).size() > 1);
    }

    @Test
    void withNoChildSummariesItIsRefused() {
        Path never = tmp.resolve("never");
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--extended-child-summaries", "--no-child-summaries",
                "--out", never.toString());
        assertEquals(2, t.code, t.out + t.err);
        List<String> error = t.errorLines();
        assertEquals("error: --extended-child-summaries adds to the child summaries, but --no-child-summaries turns "
                + "them off", error.get(0), t.err);
        assertEquals("hint: give one of the two", error.get(1), t.err);
        assertFalse(Files.exists(never), "nothing written");
    }
}
