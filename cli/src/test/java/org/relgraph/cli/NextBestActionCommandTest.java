package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Next best action through the CLI: train an ARGMAX model on a small bank, evaluate it, write recommendations. */
class NextBestActionCommandTest {
    static final String NBA = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 30, days) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.SEGMENT IN ('Mass Affluent', 'Premier')";

    @TempDir
    static Path tmp;
    static Path bank;
    static Path model;
    static RelgraphCommandTest.Run train;

    @BeforeAll
    static void trainOnce() {
        bank = tmp.resolve("bank");
        model = tmp.resolve("nba");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        train = new RelgraphCommandTest.Run("train", "--data", bank.toString(), "--query", NBA,
                "--train-anchors", "4", "--epochs", "1", "--hidden", "16", "--fanouts", "5,3", "--batch-size", "256",
                "--out", model.toString());
        assertEquals(0, train.code, train.err);
    }

    @Test
    void trainReportsRankingMetricsAndThePopularityBaseline() {
        assertTrue(train.out.contains("candidate actions [channel, offer_shown]"), train.out);
        assertTrue(train.out.matches("(?s).*test_map@3\\s+0\\.\\d{4}.*"), train.out);
        assertTrue(train.out.contains("test_popularity_map@3"), train.out);
        assertTrue(train.out.contains("val_shown_auroc"), train.out);
    }

    @Test
    void evaluateRebuildsTheSplitAndRanksTheActions() {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString(), "--split", "val");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains("candidate actions"), r.out);
        assertTrue(r.out.matches("(?s).*ndcg@3\\s+0\\.\\d{4}.*"), r.out);
        assertTrue(r.out.contains("hit@1"), r.out);
    }

    @Test
    void predictWritesOneRecommendationPerEligibleCustomerWithColumnsFromTheData() throws Exception {
        Path csv = tmp.resolve("nba.csv");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2024-06-30", "--out", csv.toString(), "--show", "3");
        assertEquals(0, r.code, r.err);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("CUSTOMER_ID,NAME,RECOMMENDED_ACTION,PROPENSITY,CHANNEL,PRIORITY", lines.get(0));
        assertTrue(lines.size() > 50, "every eligible customer gets a recommendation: " + lines.size());
        List<String> offers = List.of("Credit Card", "Savings", "Personal Loan", "Investment Account", "Insurance",
                "Mortgage");
        List<String> channels = List.of("email", "mobile app", "branch", "call centre");
        double previous = Double.POSITIVE_INFINITY;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertTrue(offers.contains(f[2]), "an offer: " + line);
            double p = Double.parseDouble(f[3]);
            assertTrue(p > 0 && p < 1 && p <= previous, "probabilities, best first: " + line);
            previous = p;
            assertTrue(channels.contains(f[4]), "a channel: " + line);
        }
        assertTrue(lines.get(1).endsWith(",High"), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).endsWith(",Low"), lines.get(lines.size() - 1));
    }

    @Test
    void explainSaysSoWhenTheRankerKeptItsActionPriors() {
        // One epoch on this small bank does not beat the priors on validation, so early stopping keeps epoch 0.
        org.junit.jupiter.api.Assumptions.assumeTrue(train.out.contains("best epoch 0;"),
                "the ranker beat its action priors on this bank, so there is no prior-only model to explain");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", bank.toString(), "--as-of", "2024-06-30", "--entity", "4");
        assertEquals(0, r.code, r.err);
        assertTrue(r.out.contains(": recommended: "), r.out);
        assertTrue(r.out.contains("nothing in this entity's data moves it"), r.out);
    }
}
