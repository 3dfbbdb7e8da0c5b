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
    void aTestSplitWithoutPositivesStopsTheBaselineWithAHint() {
        Path model = tmp.resolve("never-fitted");
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "flat-xgboost", "--data",
                bank.toString(), "--query", QueryCommandTest.MORTGAGE, "--val-time", "2024-06-30", "--test-time", "2026-01-01",
                "--train-anchors", "2", "--threads", "1", "--out", model.toString());
        assertEquals(2, b.code, b.out + b.err);
        List<String> error = b.errorLines();
        assertTrue(error.get(0).startsWith("error: the test split has only negative labels ("), b.err);
        assertTrue(error.get(1).contains("move the anchors (--test-time) to a period with events; product_holdings "
                + "rows span "), b.err);
        assertTrue(!b.out.contains("features and fit") && !Files.exists(model), b.out);
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
    void cfListsAsManyRecommendationsAsTheQueryRanks() throws Exception {
        Path model = tmp.resolve("cf-links");
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "cf", "--data",
                bank.toString(), "--query", "PREDICT LIST_DISTINCT(PRODUCT_HOLDINGS.PRODUCT_ID, 0, 6, months) RANK TOP 2 "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID", "--train-anchors", "3", "--out", model.toString());
        assertEquals(0, b.code, b.err);
        Path csv = tmp.resolve("links.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--out", csv.toString(), "--show", "0");
        assertEquals(0, p.code, p.err);
        assertEquals("CUSTOMER_ID,RECOMMENDATION_1,RECOMMENDATION_2,BEST_SCORE,RANK",
                Files.readAllLines(csv).get(0));
    }

    @Test
    void cfRanksNextBestActionsEvaluatesByMapAndPredictsRecommendations() throws Exception {
        Path model = tmp.resolve("cf");
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "cf", "--data",
                bank.toString(), "--query", NBA, "--train-anchors", "3", "--out", model.toString());
        assertEquals(0, b.code, b.err);
        assertTrue(b.out.contains("actions = channel × offer_shown") && b.out.contains("test_map@3"), b.out);

        RelgraphCommandTest.Run e = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString(), "--split", "val");
        assertEquals(0, e.code, e.err);
        assertTrue(e.out.matches("(?s).*map@3\\s+[01]\\.\\d{4}.*") && e.out.contains("candidate_auroc"), e.out);

        Path csv = tmp.resolve("nba.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--out", csv.toString(), "--show", "0");
        assertEquals(0, p.code, p.err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("CUSTOMER_ID,RECOMMENDATION_1,RECOMMENDATION_2,RECOMMENDATION_3,BEST_SCORE,RANK", lines.get(0));
        String[] first = lines.get(1).split(",");
        assertTrue(first[1].contains(" / ") && !first[1].equals(first[2]), "distinct channel / offer actions: "
                + lines.get(1));
    }

    static final String NBA = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted') FOR EACH "
            + "CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.SEGMENT IN ('Mass Affluent','Premier')";

    @Test
    void flatXgboostRanksNextBestActionsThenEvaluateAndPredictReadItLikeTheGnnRanker() throws Exception {
        Path model = tmp.resolve("nba-xgb");
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "flat-xgboost", "--data",
                bank.toString(), "--query", NBA, "--train-anchors", "3", "--threads", "1", "--out", model.toString());
        assertEquals(0, b.code, b.err);
        assertTrue(b.out.contains("actions (channel × offer_shown)") && b.out.contains("test_map@3")
                && b.out.contains("val_shown_auroc") && b.out.contains("test_popularity_map@3"), b.out);
        assertTrue(Files.isRegularFile(model.resolve("checksums.sha256")));

        RelgraphCommandTest.Run e = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString(), "--split", "test");
        assertEquals(0, e.code, e.err);
        assertTrue(e.out.contains("candidate actions [channel, offer_shown]")
                && e.out.matches("(?s).*map@3\\s+[01]\\.\\d{4}.*") && e.out.contains("hit@1"), e.out);

        Path csv = tmp.resolve("nba-xgb.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2024-06-30", "--top", "10", "--out", csv.toString(),
                "--show", "3");
        assertEquals(0, p.code, p.err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("CUSTOMER_ID,NAME,RECOMMENDED_ACTION,PROPENSITY,CHANNEL,PRIORITY", lines.get(0));
        assertEquals(11, lines.size(), "--top 10");
        double previous = Double.POSITIVE_INFINITY;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            double propensity = Double.parseDouble(f[3]);
            assertTrue(propensity > 0 && propensity < 1 && propensity <= previous, "calibrated, best first: " + line);
            previous = propensity;
            assertTrue(!f[2].isEmpty() && !f[4].isEmpty() && !f[2].contains(f[4]), "offer, then channel: " + line);
        }
    }

    @Test
    void oneNumberKindsRefuseRankingQueriesWithAHintToTheRankingKinds() {
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "entity-gbdt", "--data",
                bank.toString(), "--query", NBA, "--out", tmp.resolve("y").toString());
        assertEquals(2, b.code, b.out + b.err);
        assertTrue(b.err.contains("--kind flat-xgboost or cf"), b.err);
    }

    @Test
    void anUnknownKindIsOneLineWithTheKindsThatExist() {
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "lightgbm", "--data",
                bank.toString(), "--query", QueryCommandTest.MORTGAGE, "--out", tmp.resolve("x").toString());
        assertEquals(2, b.code, b.out + b.err);
        assertTrue(b.err.contains("unknown model kind 'lightgbm'") && b.err.contains("flat-xgboost"), b.err);
    }
}
