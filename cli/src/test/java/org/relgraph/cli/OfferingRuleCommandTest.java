package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Next best action limited to what the bank can send (the query's OFFERING rule), through the CLI on a generated
 * bank: every ranker kind trains with the rule, carries it in its bundle, and predict never recommends a product the
 * customer holds on the date or one the catalog does not market to the customer's segment.
 */
class OfferingRuleCommandTest {
    static final String RULE = "OFFERING INTERACTION_HISTORY.OFFER_SHOWN = PRODUCT_CATALOG.PRODUCT_NAME "
            + "NOT HELD PRODUCT_HOLDINGS.PRODUCT_ID WHERE PRODUCT_HOLDINGS.STATUS = 'active' "
            + "ELIGIBLE CUSTOMERS.SEGMENT >= PRODUCT_CATALOG.ELIGIBILITY_SEGMENT "
            + "ORDER ('Mass Market', 'Mass Affluent', 'Premier')";
    /** Every segment, so the catalog's Investment Account (Mass Affluent and above) is ineligible for some. */
    static final String NBA = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 30, days) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID";
    static final String AS_OF = "2024-06-30";
    static final List<String> SEGMENTS = List.of("Mass Market", "Mass Affluent", "Premier");

    @TempDir
    static Path tmp;
    static Path bank;
    static Map<String, Path> models = new HashMap<>();

    @BeforeAll
    static void trainEveryRankerWithTheRule() {
        bank = tmp.resolve("bank");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "600",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        Path gnn = tmp.resolve("gnn");
        RelgraphCommandTest.Run t = new RelgraphCommandTest.Run("train", "--data", bank.toString(), "--query",
                NBA + " " + RULE, "--train-anchors", "4", "--epochs", "1", "--hidden", "16", "--fanouts", "5,3",
                "--batch-size", "256", "--out", gnn.toString());
        assertEquals(0, t.code, t.err);
        models.put("gnn", gnn);
        for (String kind : List.of("flat-xgboost", "cf")) {
            Path model = tmp.resolve(kind);
            RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", kind, "--data",
                    bank.toString(), "--query", NBA + " " + RULE, "--train-anchors", "4", "--threads", "1",
                    "--out", model.toString());
            assertEquals(0, b.code, b.err);
            models.put(kind, model);
        }
        Path plain = tmp.resolve("cf-without-rule");
        RelgraphCommandTest.Run b = new RelgraphCommandTest.Run("baseline", "--kind", "cf", "--data",
                bank.toString(), "--query", NBA, "--train-anchors", "4", "--out", plain.toString());
        assertEquals(0, b.code, b.err);
        models.put("cf-without-rule", plain);
    }

    /** What the generated bank's files say each customer holds on {@link #AS_OF} and may be marketed. */
    record Bank(Set<String> held, Map<String, String> segment, Map<String, String> minimumSegment) {
        static Bank read(Path dir) throws IOException {
            Set<String> held = new HashSet<>();
            for (Map<String, String> r : csv(dir.resolve("product_holdings.csv"))) {
                if (r.get("status").equals("active") && r.get("open_date").compareTo(AS_OF) <= 0) {
                    held.add(r.get("customer_id") + "/" + r.get("product"));
                }
            }
            Map<String, String> segment = new HashMap<>();
            csv(dir.resolve("customers.csv")).forEach(r -> segment.put(r.get("customer_id"), r.get("segment")));
            Map<String, String> minimum = new HashMap<>();
            csv(dir.resolve("product_catalog.csv"))
                    .forEach(r -> minimum.put(r.get("product_name"), r.get("eligibility_segment")));
            return new Bank(held, segment, minimum);
        }

        boolean holds(String customer, String product) {
            return held.contains(customer + "/" + product);
        }

        boolean eligible(String customer, String product) {
            return SEGMENTS.indexOf(segment.get(customer)) >= SEGMENTS.indexOf(minimumSegment.get(product));
        }
    }

    /** A CSV without quoted commas (the bank's files and relgraph's outputs here) as maps by header. */
    static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int c = 0; c < header.length; c++) {
                row.put(header[c], f[c]);
            }
            rows.add(row);
        }
        return rows;
    }

    static List<Map<String, String>> predict(String model, String... extra) throws IOException {
        Path csv = tmp.resolve(model + "-" + extra.length + ".csv");
        List<String> args = new ArrayList<>(List.of("predict", "--model", models.get(model).toString(), "--data",
                bank.toString(), "--as-of", AS_OF, "--out", csv.toString(), "--show", "2"));
        args.addAll(List.of(extra));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run(args.toArray(String[]::new));
        assertEquals(0, r.code, r.err);
        return csv(csv);
    }

    /** (customer, offered product) of every row: RECOMMENDED_ACTION, or each RECOMMENDATION_i of a cf table. */
    static List<String[]> offers(List<Map<String, String>> rows) {
        List<String[]> out = new ArrayList<>();
        for (Map<String, String> r : rows) {
            for (Map.Entry<String, String> e : r.entrySet()) {
                if ((e.getKey().equals("RECOMMENDED_ACTION") || e.getKey().startsWith("RECOMMENDATION_"))
                        && !e.getValue().isEmpty()) {
                    String[] parts = e.getValue().split(" / "); // cf: "channel / offer_shown"
                    out.add(new String[] {r.get("CUSTOMER_ID"), parts[parts.length - 1]});
                }
            }
        }
        return out;
    }

    static void assertOnlySendable(String what, List<String[]> offers) throws IOException {
        Bank facts = Bank.read(bank);
        assertTrue(offers.size() > 300, what + ": " + offers.size() + " offers");
        for (String[] o : offers) {
            assertTrue(!facts.holds(o[0], o[1]), what + ": customer " + o[0] + " holds " + o[1]);
            assertTrue(facts.eligible(o[0], o[1]), what + ": customer " + o[0] + " (" + facts.segment.get(o[0])
                    + ") is not eligible for " + o[1]);
        }
    }

    @Test
    void noRankerRecommendsAHeldOrIneligibleProduct() throws IOException {
        assertOnlySendable("gnn", offers(predict("gnn")));
        // All 24 actions per customer: every action it may be offered, and none it may not.
        List<Map<String, String>> all = predict("gnn", "--per-entity", "24");
        assertOnlySendable("gnn --per-entity 24", offers(all));
        assertOnlySendable("flat-xgboost --per-entity 24", offers(predict("flat-xgboost", "--per-entity", "24")));
        assertOnlySendable("cf", offers(predict("cf")));
        // Mass Market customers lose Investment Account (4 actions); customers holding products lose more.
        Map<String, Integer> perCustomer = new HashMap<>();
        all.forEach(r -> perCustomer.merge(r.get("CUSTOMER_ID"), 1, Integer::sum));
        assertTrue(perCustomer.values().stream().anyMatch(n -> n < 20), perCustomer.toString());
    }

    @Test
    void withoutTheRuleHeldProductsAreRecommended() throws IOException {
        Bank facts = Bank.read(bank);
        long held = offers(predict("cf-without-rule")).stream().filter(o -> facts.holds(o[0], o[1])).count();
        assertTrue(held > 0, "the check above can fail: without the rule cf recommends held products");
    }

    @Test
    void perEntityListsEachCustomersBestActionsWithPriorityOneToK() throws IOException {
        List<Map<String, String>> rows = predict("gnn", "--per-entity", "3");
        assertEquals(List.of("1", "2", "3"), List.of(rows.get(0).get("PRIORITY"), rows.get(1).get("PRIORITY"),
                rows.get(2).get("PRIORITY")));
        String first = rows.get(0).get("CUSTOMER_ID");
        for (int i = 0; i < 3; i++) {
            assertEquals(first, rows.get(i).get("CUSTOMER_ID"));
        }
        double previous = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            double p = Double.parseDouble(rows.get(i).get("PROPENSITY"));
            assertTrue(p <= previous, "best first within the customer");
            previous = p;
        }
        List<Map<String, String>> one = predict("gnn");
        assertEquals(one.get(0).get("CUSTOMER_ID"), first, "customers in the order of the one-row table");
        assertEquals(one.get(0).get("RECOMMENDED_ACTION"), rows.get(0).get("RECOMMENDED_ACTION"));
        assertEquals("High", one.get(0).get("PRIORITY"));
    }

    @Test
    void aCustomerLeftNoActionGetsNoRowAndExplainSaysWhy() throws IOException {
        Bank facts = Bank.read(bank);
        List<String> products = List.copyOf(facts.minimumSegment.keySet());
        java.util.Optional<String> nothingLeft = facts.segment.keySet().stream().sorted()
                .filter(c -> products.stream().noneMatch(p -> !facts.holds(c, p) && facts.eligible(c, p)))
                .findFirst();
        org.junit.jupiter.api.Assumptions.assumeTrue(nothingLeft.isPresent(), "a customer holding everything");
        assertTrue(predict("gnn").stream().noneMatch(r -> r.get("CUSTOMER_ID").equals(nothingLeft.get())));
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("explain", "--model", models.get("gnn").toString(),
                "--data", bank.toString(), "--as-of", AS_OF, "--entity", nothingLeft.get());
        assertEquals(2, r.code, r.out + r.err);
        assertTrue(r.errorLines().get(0).startsWith("error: customers " + nothingLeft.get()
                + " may be offered none of the"), r.err);
    }

    @Test
    void theDemoRanksOnlyWhatTheBankCanSend() {
        org.relgraph.query.PredictiveQuery q = org.relgraph.query.PredictiveQuery.parse(DemoCommand.NEXT_BEST_ACTION,
                org.relgraph.source.DataSources.open(bank.toString()).load().database().schema());
        org.relgraph.query.OfferRule rule = q.offerRule().orElseThrow();
        assertEquals(1, rule.notHeld().size());
        assertEquals(1, rule.eligible().size());
    }

    @Test
    void evaluateAppliesTheRuleFromTheBundle() {
        for (String model : List.of("gnn", "flat-xgboost", "cf")) {
            RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("evaluate", "--model",
                    models.get(model).toString(), "--data", bank.toString(), "--split", "test");
            assertEquals(0, r.code, r.err);
            assertTrue(r.out.toLowerCase(java.util.Locale.ROOT).contains(RULE.toLowerCase(java.util.Locale.ROOT)),
                    model + " names its rule: " + r.out);
            assertTrue(r.out.contains("only the actions its OFFERING rule lets the entity be offered"), r.out);
            assertTrue(r.out.contains("map@3"), r.out);
        }
    }

    @Test
    void badPerEntityAndRuleInputsAreOneLineErrors() {
        RelgraphCommandTest.Run negative = new RelgraphCommandTest.Run("predict", "--model",
                models.get("gnn").toString(), "--data", bank.toString(), "--per-entity", "-1");
        assertEquals(2, negative.code, negative.err);
        assertEquals(List.of("error: --per-entity must be 1 or more, got -1", "hint: e.g. --per-entity 3 for each "
                + "entity's three best actions; leave it out for one row per entity"), negative.errorLines());
        assertTrue(!negative.err.contains("Loaded"), "refused before loading data: " + negative.err);

        RelgraphCommandTest.Run explain = new RelgraphCommandTest.Run("predict", "--model",
                models.get("gnn").toString(), "--data", bank.toString(), "--per-entity", "2", "--explain", "1");
        assertEquals(2, explain.code, explain.err);
        assertTrue(explain.errorLines().get(0).startsWith("error: --explain cannot be combined with --per-entity"),
                explain.err);

        RelgraphCommandTest.Run cf = new RelgraphCommandTest.Run("predict", "--model", models.get("cf").toString(),
                "--data", bank.toString(), "--per-entity", "2");
        assertEquals(2, cf.code, cf.err);
        assertTrue(cf.errorLines().get(0).contains("--per-entity lists next best actions"), cf.err);

        RelgraphCommandTest.Run table = new RelgraphCommandTest.Run("baseline", "--kind", "cf", "--data",
                bank.toString(), "--query", NBA + " " + RULE.replace("NOT HELD PRODUCT_HOLDINGS",
                "NOT HELD PRODUCT_HOLDING"), "--out", tmp.resolve("x").toString());
        assertEquals(2, table.code, table.err);
        assertTrue(table.err.contains("unknown table 'PRODUCT_HOLDING'")
                && table.err.contains("did you mean 'product_holdings'?"), table.err);

        RelgraphCommandTest.Run order = new RelgraphCommandTest.Run("baseline", "--kind", "cf", "--data",
                bank.toString(), "--query", NBA + " " + RULE.replace("'Mass Market', ", ""), "--out",
                tmp.resolve("y").toString());
        assertEquals(2, order.code, order.err);
        assertTrue(order.errorLines().get(0).startsWith("error: customers.segment has the value 'Mass Market'"),
                order.err);
    }
}
