package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** baseline → evaluate → predict for every flat kind, as a user would run them, on a small generated bank. */
class BaselineCommandTest {
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
    void everyFlatKindFitsEvaluatesAndPredictsLikeAGnnBundle() throws Exception {
        for (String kind : List.of("rules", "entity-gbdt", "flat-xgboost")) {
            Path model = tmp.resolve(kind);
            RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", kind, "--data",
                    bank.toString(), "--query", QueryCommandTest.MORTGAGE, "--train-anchors", "2", "--threads", "1",
                    "--out", model.toString());
            assertEquals(0, b.code, b.err);
            assertTrue(b.out.contains(kind + ": features and fit on") && b.out.contains("test_auroc")
                    && b.out.contains("Model bundle: "), b.out);
            assertTrue(Files.isRegularFile(model.resolve("checksums.sha256")));

            RelgraphCommandTest.Run e = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                    "--data", bank.toString(), "--split", "test");
            assertEquals(0, e.code, e.err);
            assertTrue(e.out.contains("test: 1 anchors") && e.out.matches("(?s).*auroc\\s+0\\.\\d{4}.*")
                    && e.out.contains("lift@20%"), e.out);

            Path csv = tmp.resolve(kind + ".csv");
            RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                    "--data", bank.toString(), "--as-of", "2024-06-30", "--out", csv.toString(), "--show", "3");
            assertEquals(0, p.code, p.err);
            List<String> lines = Files.readAllLines(csv);
            assertEquals("CUSTOMER_ID,NAME,MORTGAGE_PROPENSITY,RANK,RECOMMENDED_ACTION", lines.get(0));
            assertTrue(lines.size() > 100, kind + " scores every eligible customer: " + lines.size());
            double previous = Double.POSITIVE_INFINITY;
            for (String line : lines.subList(1, lines.size())) {
                double s = Double.parseDouble(line.split(",")[2]);
                assertTrue(s >= 0 && s <= 1 && s <= previous, kind + ": calibrated probabilities, best first: "
                        + line);
                previous = s;
            }
        }
    }

    @Test
    void anUnknownKindIsOneLineWithTheKindsThatExist() {
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "lightgbm", "--data",
                bank.toString(), "--query", QueryCommandTest.MORTGAGE, "--out", tmp.resolve("x").toString());
        assertEquals(2, b.code, b.out + b.err);
        assertTrue(b.err.contains("unknown model kind 'lightgbm'") && b.err.contains("flat-xgboost"), b.err);
    }
}
