package org.relgraph.models.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.DoubleColumn;
import org.relgraph.gnn.encode.ChildActivityEncoding;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.table.Database;

/**
 * Explanations of a GNN trained on ShopData, whose label is "buys category A in the next 30 days" and whose
 * planted signal is that half the customers buy A about half the time, the others 5 % of the time.
 */
class GnnExplainTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(5).withPatience(2).withLearningRate(1e-2);
    private static final long SCORE_TIME = ShopData.START + 330 * ShopData.DAY;
    private static final Pattern COUNT = Pattern.compile(": (\\d+) in last (\\d+) days");

    private static Database db;
    private static GnnPredictor predictor;
    /** The same without child summaries: its only route to the transactions is message passing over edges. */
    private static GnnPredictor edgesOnly;

    @BeforeAll
    static void train() {
        db = ShopData.database(200, 11);
        predictor = GnnPredictor.train(db, ShopData.query(db), ShopData.splits(db), SMALL, TrainingListener.NONE);
        edgesOnly = GnnPredictor.train(db, ShopData.query(db), ShopData.splits(db), SMALL.withChildSummaries(false),
                TrainingListener.NONE);
    }

    @AfterAll
    static void close() {
        predictor.close();
        edgesOnly.close();
    }

    private static List<EntityExplanation> explain(int top, int... rows) {
        return predictor.explain(rows, SCORE_TIME, top, done -> { });
    }

    @Test
    void reasonsAccountForTheWholeOutputChangeAndTheirSharesSumToOne() {
        for (EntityExplanation e : explain(0, 0, 1, 2, 3)) {
            double sum = e.reasons().stream().mapToDouble(Reason::attribution).sum();
            assertEquals(e.output() - e.baselineOutput(), sum, e.completenessDelta() + 1e-6, e.key());
            assertTrue(e.relativeCompletenessDelta() < 0.05, e.key() + ": " + e.relativeCompletenessDelta());
            assertEquals(1.0, e.reasons().stream().mapToDouble(Reason::share).sum(), 1e-9);
            for (int i = 1; i < e.reasons().size(); i++) {
                assertTrue(Math.abs(e.reasons().get(i - 1).attribution()) >= Math.abs(e.reasons().get(i).attribution()),
                        "largest first");
            }
            Set<String> ownColumns = new HashSet<>();
            e.reasons().stream().filter(Reason::ownRow).forEach(r -> assertTrue(ownColumns.add(r.column()),
                    "one reason per own column, twice: " + r.column()));
        }
    }

    @Test
    void ownColumnsReadAsColumnEqualsTheirValue() {
        EntityExplanation e = explain(0, 5).get(0);
        Table customers = db.table("customers");
        int row = 5;
        assertEquals("5", e.key());
        Reason age = e.reasons().stream().filter(r -> r.ownRow() && r.column().equals("age")).findFirst()
                .orElseThrow(() -> new AssertionError("no age reason in " + e.reasons()));
        assertEquals("age = " + (long) ((DoubleColumn) customers.requireColumn("age")).get(row), age.description());
        Reason segment = e.reasons().stream().filter(r -> r.ownRow() && r.column().equals("segment")).findFirst()
                .orElseThrow();
        assertEquals("segment = " + ((CategoricalColumn) customers.requireColumn("segment")).get(row),
                segment.description());
        assertTrue(age.text().matches("CUSTOMERS age = \\d+ — \\d+ % [↑↓]"), age.text());
    }

    @Test
    void relatedRowsAreCountedPerValueWithinTheSmallestWindowHoldingThem() {
        Table tx = db.table("transactions");
        LongColumn owner = (LongColumn) tx.requireColumn("customer_id");
        LongColumn ts = (LongColumn) tx.requireColumn("ts");
        CategoricalColumn category = (CategoricalColumn) tx.requireColumn("category");
        for (EntityExplanation e : explain(0, 7, 8, 9)) {
            long customer = Long.parseLong(e.key());
            for (Reason r : e.reasons()) {
                if (r.ownRow() || !r.table().equals("transactions") || !"category".equals(r.column())) {
                    continue;
                }
                String value = r.description().replaceAll("^category = '([^']*)'.*", "$1");
                if (r.description().endsWith(": none")) {
                    // a child summary of no rows: none of this value in the summaries' window at least
                    assertEquals(0, r.rows(), r.description());
                    assertEquals(0, rowsOf(customer, value, ChildActivityEncoding.WINDOW_DAYS), r.description());
                    continue;
                }
                Matcher m = COUNT.matcher(r.description());
                assertTrue(m.find(), r.description());
                assertEquals(r.rows(), Integer.parseInt(m.group(1)), r.description());
                assertTrue(r.rows() >= 1, r.description());
                int window = Integer.parseInt(m.group(2));
                int inWindow = rowsOf(customer, value, window);
                assertTrue(inWindow >= r.rows(), "the data holds at least the counted rows in the window: "
                        + r.description() + " vs " + inWindow);
            }
        }
    }

    /** The customer's transactions of category {@code value} in the {@code days} up to the score time. */
    private static int rowsOf(long customer, String value, int days) {
        Table tx = db.table("transactions");
        LongColumn owner = (LongColumn) tx.requireColumn("customer_id");
        LongColumn ts = (LongColumn) tx.requireColumn("ts");
        CategoricalColumn category = (CategoricalColumn) tx.requireColumn("category");
        int n = 0;
        for (int i = 0; i < tx.rowCount(); i++) {
            long age = SCORE_TIME - ts.get(i);
            if (owner.get(i) == customer && value.equals(category.get(i)) && age >= 0 && age <= days * ShopData.DAY) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aBuyersHistoryOfAIsAReasonWithItsTrueCount() {
        // The summaries see every past A purchase, not just the sampled few: the reason must count all of them.
        int named = 0;
        for (int row : aBuyers(10)) {
            EntityExplanation e = predictor.explain(new int[] {row}, SCORE_TIME, 0, done -> { }).get(0);
            long customer = Long.parseLong(e.key());
            Reason a = e.reasons().stream().filter(r -> r.table().equals("transactions")
                    && r.description().startsWith("category = 'A'")).max(java.util.Comparator.comparingInt(Reason::rows))
                    .orElse(null);
            if (a == null) {
                continue;
            }
            named++;
            Matcher m = COUNT.matcher(a.description());
            if (m.find()) {
                assertEquals(rowsOf(customer, "A", Integer.parseInt(m.group(2))), a.rows(), a.description());
            } else {
                assertTrue(a.description().matches("category = 'A': \\d+ in last \\d+ years.*"), a.description());
            }
        }
        assertTrue(named >= 8, named + " of 10 A-buyers have an 'A' reason");
    }

    /** Up to {@code limit} customers with more than 30 % of their purchases so far in category A. */
    private static int[] aBuyers(int limit) {
        Table tx = db.table("transactions");
        LongColumn owner = (LongColumn) tx.requireColumn("customer_id");
        LongColumn ts = (LongColumn) tx.requireColumn("ts");
        CategoricalColumn category = (CategoricalColumn) tx.requireColumn("category");
        int customers = db.table("customers").rowCount();
        int[] a = new int[customers];
        int[] all = new int[customers];
        for (int i = 0; i < tx.rowCount(); i++) {
            if (ts.get(i) <= SCORE_TIME) {
                all[(int) owner.get(i)]++;
                a[(int) owner.get(i)] += "A".equals(category.get(i)) ? 1 : 0;
            }
        }
        return java.util.stream.IntStream.range(0, customers).filter(c -> a[c] > 0.3 * all[c]).limit(limit)
                .toArray();
    }

    @Test
    void customersWhoBuyCategoryAAreExplainedByTheirCategoryATransactions() {
        // The planted signal: a customer who bought A in a large share of past transactions will likely buy it
        // again. For those customers, "TRANSACTIONS category = 'A'" should be among the top 3 reasons.
        int[] buyers = aBuyers(30);
        int hits = 0;
        for (EntityExplanation e : explain(3, buyers)) {
            hits += e.reasons().stream().anyMatch(r -> !r.ownRow() && r.table().equals("transactions")
                    && r.description().startsWith("category = 'A'") && r.raises()) ? 1 : 0;
        }
        double share = hits / (double) buyers.length;
        System.out.printf("category-A group among the top 3 reasons, raising the score: %d of %d A-buyers%n", hits,
                buyers.length);
        assertTrue(share >= 0.8, hits + " of " + buyers.length);
    }

    @Test
    void rowCreditsNameTheRelatedRowsWhoseConnectionMatteredMost() {
        int[] rows = aBuyers(10);
        List<List<RowCredit>> credits = edgesOnly.explainRows(rows, SCORE_TIME, 3);
        int topIsA = 0;
        for (int i = 0; i < rows.length; i++) {
            List<RowCredit> c = credits.get(i);
            assertEquals(3, c.size(), "customer " + rows[i]);
            for (int j = 0; j < c.size(); j++) {
                assertEquals("transactions", c.get(j).table(), "the entity's own row is not a related row");
                assertTrue(c.get(j).share() > 0 && c.get(j).share() <= 1);
                assertTrue(c.get(j).text().matches("TRANSACTIONS \\d+ \\(category = '[A-D]', 2024-\\d\\d-\\d\\d, .* "
                        + "before\\) — \\d+ % [↑↓]"), c.get(j).text());
                if (j > 0) {
                    assertTrue(Math.abs(c.get(j - 1).attribution()) >= Math.abs(c.get(j).attribution()));
                }
            }
            topIsA += c.get(0).when().startsWith("category = 'A'") ? 1 : 0;
        }
        // The label is "buys A again": for A-buyers the connected row that matters most should mostly be an A
        // purchase.
        System.out.printf("top-credited related row is an A purchase for %d of %d A-buyers%n", topIsA, rows.length);
        assertTrue(topIsA >= 7, topIsA + " of " + rows.length);
    }
}
