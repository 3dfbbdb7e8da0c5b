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

/** train --conv gat, and predict / explain / evaluate of the model it writes, as a user would run them. */
class ConvOptionCommandTest {
    @TempDir
    static Path tmp;
    static Path bank;
    static Path model;

    @BeforeAll
    static void trainOnce() {
        bank = tmp.resolve("bank");
        model = tmp.resolve("gat-model");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--epochs", "1", "--hidden", "16",
                "--fanouts", "5,3", "--batch-size", "256", "--conv", "gat", "--out", model.toString());
        assertEquals(0, t.code, t.err);
        assertTrue(t.out.contains("test_auroc"), t.out);
        assertTrue(t.out.contains(", conv gat\n"), t.out);
    }

    @Test
    void theBundleRecordsTheConvolutionAndPredictExplainAndEvaluateUseIt() throws Exception {
        String conv = new ObjectMapper().readTree(model.resolve("bundle.json").toFile()).path("config").path("architecture")
                .path("conv")
                .asText();
        assertEquals("GAT", conv);

        Path csv = tmp.resolve("scores.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--top", "1", "--out", csv.toString(), "--show", "0");
        assertEquals(0, p.code, p.err);
        String best = Files.readAllLines(csv).get(1).split(",")[0];

        RelgraphCommandTest.Run x = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--entity", best, "--top", "3");
        assertEquals(0, x.code, x.err);
        assertTrue(x.out.contains("(50 steps)"), x.out);
        long reasons = x.out.lines().filter(l -> l.matches("  [1-3]\\. [A-Z_]+ .* — \\d+ % [↑↓]")).count();
        assertEquals(3, reasons, x.out);

        RelgraphCommandTest.Run e = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString(), "--split", "val");
        assertEquals(0, e.code, e.err);
        assertTrue(e.out.contains("auroc"), e.out);
    }

    @Test
    void anUnknownConvolutionIsRefusedNamingTheChoices() {
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--conv", "transformer", "--out",
                tmp.resolve("never").toString());
        assertEquals(2, t.code, t.out + t.err);
        List<String> error = t.errorLines();
        assertEquals("error: unknown --conv 'transformer'", error.get(0), t.err);
        assertEquals("hint: use --conv sage (the default) or --conv gat", error.get(1), t.err);
        assertTrue(!Files.exists(tmp.resolve("never")), "nothing written");
    }
}
