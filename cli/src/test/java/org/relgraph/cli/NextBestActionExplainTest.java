package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * explain and predict --explain on a next-best-action bundle. The bank's NBA signal is too weak for a model small
 * enough for a test to beat its priors (early stopping then keeps the untrained scorer, whose logits no entity input
 * moves), so this trains on offers with a planted preference: each customer accepts offers on one hidden channel
 * with probability 0.6 (elsewhere 0.04), which their past acceptances reveal (like the models' OfferHistory).
 */
class NextBestActionExplainTest {
    static final String QUERY =
            "PREDICT ARGMAX(offers.outcome = 'Accepted', 0, 30, days) FOR EACH customers.customer_id";
    static final List<String> CHANNELS = List.of("email", "app", "branch", "phone");
    static final List<String> PRODUCTS = List.of("Savings", "Loan", "Card");
    static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    static final long START = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
    static final long DAY = 86_400_000L;

    @TempDir
    static Path tmp;
    static Path data;
    static Path model;
    static RelgraphCommandTest.Run train;

    @BeforeAll
    static void trainOnce() throws IOException {
        data = tmp.resolve("offers");
        model = tmp.resolve("nba");
        writeOffers(data, 300, 5);
        train = new RelgraphCommandTest.Run("train", "--data", data.toString(), "--query", QUERY,
                "--train-anchors", "8", "--epochs", "10", "--patience", "10", "--lr", "0.01", "--hidden", "16",
                "--fanouts", "10,4", "--batch-size", "64", "--out", model.toString());
        assertEquals(0, train.code, train.err);
        assertTrue(!train.out.contains("best epoch 0;"), "the ranker learned beyond its priors: " + train.out);
    }

    static void writeOffers(Path dir, int customers, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        List<String> cust = new ArrayList<>(List.of("customer_id,segment"));
        List<String> offers = new ArrayList<>(List.of("offer_id,customer_id,channel,product,outcome,ts"));
        int id = 0;
        for (int c = 0; c < customers; c++) {
            cust.add(c + "," + (random.nextBoolean() ? "Mass" : "Premier"));
            int preferred = random.nextInt(CHANNELS.size());
            for (int day = random.nextInt(6); day < 360; day += 6) {
                int channel = random.nextInt(6);
                channel = channel < 3 ? 0 : channel - 2; // email three times as often as the others
                boolean accepted = random.nextDouble() < (channel == preferred ? 0.6 : 0.04);
                long ts = START + day * DAY + random.nextInt(86_400) * 1000L;
                offers.add(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s", id++, c, CHANNELS.get(channel),
                        PRODUCTS.get(random.nextInt(PRODUCTS.size())), accepted ? "Accepted" : "Declined",
                        TS.format(Instant.ofEpochMilli(ts))));
            }
        }
        Files.write(dir.resolve("customers.csv"), cust);
        Files.write(dir.resolve("offers.csv"), offers);
        Files.writeString(dir.resolve("schema.yaml"), """
                tables:
                - name: customers
                  source: customers.csv
                  primary_key: customer_id
                  columns:
                    customer_id: id
                    segment: categorical
                - name: offers
                  source: offers.csv
                  primary_key: offer_id
                  time_column: ts
                  columns:
                    offer_id: id
                    customer_id: id
                    channel: categorical
                    product: categorical
                    outcome: categorical
                    ts: timestamp
                  foreign_keys:
                  - column: customer_id
                    references: customers
                """);
    }

    @Test
    void explainNamesTheRecommendedActionAndItsReasons() throws Exception {
        Path csv = tmp.resolve("nba-top.csv");
        RelgraphCommandTest.Run p = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", data.toString(), "--top", "1", "--out", csv.toString());
        assertEquals(0, p.code, p.err);
        assertEquals("CUSTOMER_ID,RECOMMENDED_ACTION,PROPENSITY,CHANNEL,PRIORITY", Files.readAllLines(csv).get(0));
        String[] best = Files.readAllLines(csv).get(1).split(",");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", data.toString(), "--entity", best[0], "--top", "3");
        assertEquals(0, r.code, r.err);
        System.out.println(r.out);
        String action = best[1] + " / " + best[3];
        // The row the NBA table recommends, with the same action and propensity.
        assertTrue(r.out.startsWith("CUSTOMERS " + best[0] + " as of "), r.out);
        assertTrue(r.out.contains(": recommended: " + action + " (PROPENSITY "
                + String.format(Locale.ROOT, "%.4f", Double.parseDouble(best[2])) + ")"), r.out);
        assertTrue(r.out.contains("  logit of " + action + " "), r.out);
        assertTrue(r.out.matches("(?s).*\n  logit of " + java.util.regex.Pattern.quote(action)
                + " -?\\d+\\.\\d{3} \\(raw model score, before calibration\\) vs .*"), r.out);
        long reasons = r.out.lines().filter(l -> l.matches("  [1-3]\\. [A-Z_]+ .* — \\d+ % [↑↓]")).count();
        assertEquals(3, reasons, r.out);
    }

    @Test
    void jsonNamesTheRecommendedAction() throws Exception {
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", model.toString(),
                "--data", data.toString(), "--entity", "7", "--format", "json");
        assertEquals(0, r.code, r.err);
        var e = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out).get(0);
        assertTrue(e.get("recommended_action").asText().contains(" / "), r.out);
        assertTrue(e.get("propensity").asDouble() > 0, r.out);
        assertTrue(e.get("explained_output").asText().startsWith("logit of "), r.out);
    }

    @Test
    void predictExplainAppendsReasonsToTheNextBestActionTable() throws Exception {
        Path csv = tmp.resolve("nba-reasons.csv");
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("predict", "--model", model.toString(),
                "--data", data.toString(), "--top", "3", "--explain", "2", "--out", csv.toString());
        assertEquals(0, r.code, r.err);
        System.out.println(r.out);
        List<String> lines = Files.readAllLines(csv);
        assertEquals("CUSTOMER_ID,RECOMMENDED_ACTION,PROPENSITY,CHANNEL,PRIORITY,REASON_1,REASON_2", lines.get(0));
        assertEquals(4, lines.size(), String.join("\n", lines));
        assertTrue(r.out.contains("Explained 3 in"), r.out);
        // A reason with a comma in it (e.g. "… 2 accepted, 3 not in the sampled history") is quoted.
        String reason = "([A-Z_]+ [^,\"]* — \\d+ % [↑↓]|\"[A-Z_]+ [^\"]* — \\d+ % [↑↓]\")";
        for (String line : lines.subList(1, lines.size())) {
            assertTrue(line.matches(".*,(High|Medium|Low)," + reason + "," + reason), line);
        }
    }
}
