package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relgraph.table.Database;

/**
 * Compares the builder with a direct, row-by-row reading of the semantics on random data whose times sit on a
 * coarse day grid, so many rows fall exactly on anchors and window ends — where leakage bugs live.
 */
class ReferenceLabelTest {
    private static final long DAY = 86_400_000L;
    private static final long START = TestTables.day("2024-01-01");
    private static final String[] PRODUCTS = {"Mortgage", "Savings", "Card"};

    private record Holding(int owner, String product, Double balance, Long time) {
    }

    private record Customer(Long joined) {
    }

    @Test
    void builderAgreesWithTheDefinitionOnRandomData() {
        Random random = new Random(42);
        List<Customer> customers = new ArrayList<>();
        for (int c = 0; c < 40; c++) {
            customers.add(new Customer(random.nextInt(8) == 0 ? null : START + random.nextInt(30) * DAY));
        }
        List<Holding> holdings = new ArrayList<>();
        for (int h = 0; h < 1500; h++) {
            holdings.add(new Holding(random.nextInt(customers.size() + 2), // some owners dangle
                    PRODUCTS[random.nextInt(PRODUCTS.length)],
                    random.nextInt(10) == 0 ? null : (double) random.nextInt(100),
                    random.nextInt(20) == 0 ? null : START + random.nextInt(60) * DAY));
        }
        Database db = database(customers, holdings);
        String filter = " FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'";
        PredictiveQuery bool = PredictiveQuery.parse(
                "PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 5, days)" + filter, db.schema());
        PredictiveQuery count = PredictiveQuery.parse("PREDICT COUNT(PRODUCT_HOLDINGS.*, 2, 9, days)" + filter,
                db.schema());
        PredictiveQuery sum = PredictiveQuery.parse("PREDICT SUM(PRODUCT_HOLDINGS.BALANCE, 0, 7, days)"
                + " FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT = 'Savings'", db.schema());
        for (int a = 0; a < 60; a++) {
            long t = START + a * DAY;
            assertEquals(reference(customers, holdings, t, 0, 5, false, "bool"), actual(db, bool, t), "BOOL at day " + a);
            assertEquals(reference(customers, holdings, t, 2, 9, false, "count"), actual(db, count, t),
                    "COUNT at day " + a);
            assertEquals(reference(customers, holdings, t, 0, 7, true, "sum"), actual(db, sum, t), "SUM at day " + a);
        }
    }

    @Test
    void windowedConditionsAgreeWithTheDefinitionOnRandomData() {
        Random random = new Random(7);
        List<Customer> customers = new ArrayList<>();
        for (int c = 0; c < 30; c++) {
            customers.add(new Customer(random.nextInt(8) == 0 ? null : START + random.nextInt(30) * DAY));
        }
        List<Holding> holdings = new ArrayList<>();
        for (int h = 0; h < 600; h++) {
            holdings.add(new Holding(random.nextInt(customers.size() + 2),
                    PRODUCTS[random.nextInt(PRODUCTS.length)],
                    random.nextInt(10) == 0 ? null : (double) random.nextInt(100),
                    random.nextInt(20) == 0 ? null : START + random.nextInt(60) * DAY));
        }
        Database db = database(customers, holdings);
        PredictiveQuery q = PredictiveQuery.parse("PREDICT COUNT(PRODUCT_HOLDINGS.*, 0, 5, days) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE COUNT(PRODUCT_HOLDINGS.*, -7, 0, days) >= 2 "
                + "OR NOT AVG(PRODUCT_HOLDINGS.BALANCE, 0, 5, days) < 50 "
                + "AND MAX(PRODUCT_HOLDINGS.BALANCE WHERE PRODUCT_HOLDINGS.PRODUCT = 'Card', -3, 3, days) > 20",
                db.schema());
        List<Long> anchors = new ArrayList<>();
        for (int a = 0; a < 60; a++) {
            anchors.add(START + a * DAY);
        }
        // One build over all anchors, so the per-anchor recomputation of each condition is exercised too.
        TrainingTable table = new TrainingTableBuilder(db, q).build("x", anchors);
        int i = 0;
        for (long t : anchors) {
            Map<Integer, Double> actual = new LinkedHashMap<>();
            for (; i < table.size() && table.anchorTime(i) == t; i++) {
                actual.put(table.entityRow(i), table.label(i));
            }
            Map<Integer, Double> expected = new LinkedHashMap<>();
            for (int c = 0; c < customers.size(); c++) {
                Long joined = customers.get(c).joined();
                if (joined != null && joined > t) {
                    continue;
                }
                List<Holding> past = window(holdings, c, t - 7 * DAY, t);
                List<Double> nextBalances = window(holdings, c, t, t + 5 * DAY).stream().map(Holding::balance)
                        .filter(java.util.Objects::nonNull).toList();
                double avg = nextBalances.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                boolean avgBelow50 = !nextBalances.isEmpty() && avg < 50;
                List<Double> cards = window(holdings, c, t - 3 * DAY, t + 3 * DAY).stream()
                        .filter(h -> h.product().equals("Card") && h.balance() != null).map(Holding::balance).toList();
                boolean maxCardAbove20 = !cards.isEmpty() && cards.stream().mapToDouble(Double::doubleValue).max()
                        .getAsDouble() > 20;
                if (past.size() >= 2 || !avgBelow50 && maxCardAbove20) {
                    expected.put(c, (double) window(holdings, c, t, t + 5 * DAY).size());
                }
            }
            assertEquals(expected, actual, "anchor day " + (t - START) / DAY);
        }
    }

    /** Holdings of customer {@code c} with time in {@code (from, to]}. */
    private static List<Holding> window(List<Holding> holdings, int c, long from, long to) {
        return holdings.stream().filter(h -> h.owner() == c && h.time() != null && h.time() > from
                && h.time() <= to).toList();
    }

    private static Map<Integer, Double> actual(Database db, PredictiveQuery q, long t) {
        TrainingTable table = new TrainingTableBuilder(db, q).build("x", List.of(t));
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            out.put(table.entityRow(i), table.label(i));
        }
        return out;
    }

    /** The semantics, written as directly as possible: no sorting, no precomputation. */
    private static Map<Integer, Double> reference(List<Customer> customers, List<Holding> holdings, long t,
                                                  int startDays, int endDays, boolean savingsFilter, String kind) {
        Map<Integer, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < customers.size(); c++) {
            Long joined = customers.get(c).joined();
            if (joined != null && joined > t) {
                continue;
            }
            boolean pass;
            if (savingsFilter) {
                pass = false;
                for (Holding h : holdings) {
                    pass |= h.owner() == c && h.time() != null && h.time() <= t && h.product().equals("Savings");
                }
            } else {
                pass = true;
                for (Holding h : holdings) {
                    pass &= !(h.owner() == c && h.time() != null && h.time() <= t && h.product().equals("Mortgage"));
                }
            }
            if (!pass) {
                continue;
            }
            double label = 0;
            for (Holding h : holdings) {
                boolean inWindow = h.owner() == c && h.time() != null && h.time() > t + startDays * DAY
                        && h.time() <= t + endDays * DAY;
                if (!inWindow) {
                    continue;
                }
                switch (kind) {
                    case "bool" -> label = h.product().equals("Mortgage") ? 1 : label;
                    case "count" -> label++;
                    default -> label += h.balance() == null ? 0 : h.balance();
                }
            }
            out.put(c, label);
        }
        return out;
    }

    private static Database database(List<Customer> customers, List<Holding> holdings) {
        Object[][] customerRows = new Object[customers.size()][];
        for (int c = 0; c < customers.size(); c++) {
            Long joined = customers.get(c).joined();
            customerRows[c] = new Object[] {(long) c, "Mass", 30, true, null,
                    joined == null ? null : java.time.Instant.ofEpochMilli(joined)};
        }
        Object[][] holdingRows = new Object[holdings.size()][];
        for (int h = 0; h < holdings.size(); h++) {
            Holding x = holdings.get(h);
            holdingRows[h] = new Object[] {(long) h, (long) x.owner(), x.product(), x.balance(),
                    x.time() == null ? null : java.time.Instant.ofEpochMilli(x.time())};
        }
        return new Database(BankSchema.schema(), List.of(
                TestTables.of(BankSchema.customers(), customerRows),
                TestTables.of(BankSchema.productHoldings(), holdingRows),
                TestTables.of(BankSchema.interactionHistory()), TestTables.of(BankSchema.offers()),
                TestTables.of(BankSchema.branches()), TestTables.of(BankSchema.transfers())));
    }
}
