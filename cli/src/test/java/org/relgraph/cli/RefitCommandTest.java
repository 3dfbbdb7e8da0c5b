package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --refit and --recency-half-life as a user runs them. */
class RefitCommandTest {
    @TempDir
    static Path tmp;
    static Path bank;

    @BeforeAll
    static void generate() {
        bank = tmp.resolve("bank");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
    }

    @Test
    void refitRecordsItselfInTheBundle() throws Exception {
        Path model = tmp.resolve("refit-model");
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--epochs", "1", "--hidden", "16",
                "--fanouts", "5,3", "--batch-size", "256", "--refit", "--recency-half-life", "60",
                "--no-leakage-audit", "--out", model.toString());
        assertEquals(0, t.code, t.err);
        assertTrue(t.out.contains("Refit on train + val for 1 epochs: val_* metrics are the early-stopped run's"),
                t.out);
        JsonNode bundle = new ObjectMapper().readTree(model.resolve("bundle.json").toFile());
        assertTrue(bundle.path("config").path("loop").path("refit").asBoolean(false), "config.loop.refit");
        assertEquals(60.0, bundle.path("config").path("loop").path("recencyHalfLifeDays").asDouble(), 0);
        assertTrue(bundle.path("provenance").path("refit").asText("")
                .startsWith("refit from the starting weights"), bundle.toString());
        assertEquals(1.0, bundle.path("metrics").path("refit_epochs").asDouble(), 0);
    }

    @Test
    void aHalfLifeOfZeroIsRefused() {
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", QueryCommandTest.MORTGAGE, "--recency-half-life", "0", "--out",
                tmp.resolve("never").toString());
        assertEquals(2, t.code, t.out + t.err);
        assertEquals("error: --recency-half-life must be above 0, got 0.0", t.errorLines().get(0), t.err);
        assertFalse(Files.exists(tmp.resolve("never")), "nothing written");
    }

    @Test
    void aRankingQueryRefusesRefit() {
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(),
                "--query", NBA, "--train-anchors", "2", "--epochs", "1", "--refit", "--out",
                tmp.resolve("never-nba").toString());
        assertEquals(2, t.code, t.out + t.err);
        assertTrue(t.errorLines().get(0).startsWith("error: --refit and --recency-half-life apply to BOOL"), t.err);
        assertFalse(Files.exists(tmp.resolve("never-nba")), "nothing written");
    }

    private static final String NBA = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 30, days) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID";
}
