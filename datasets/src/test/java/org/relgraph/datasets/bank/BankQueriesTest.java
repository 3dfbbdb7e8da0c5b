package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.RawBank.Event;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * The two seed queries and a regression, a count and a link query, end to end on a generated bank: parse, plan
 * the splits, build every split's table. Each table is compared, row for row, with labels recomputed here from
 * the raw CSV rows ({@link RawBank}), for every customer and anchor: which (customer, anchor) rows exist is
 * checked as strictly as their labels.
 */
class BankQueriesTest {
    /** Train anchors per query: enough to span a year or more, few enough that every anchor has simulated data. */
    private static final int TRAIN_ANCHORS = 3;
    private static final String MORTGAGE = BankQueries.MORTGAGE;

    @TempDir
    static Path tmp;
    static Database db;
    static RawBank raw;

    @BeforeAll
    static void generate() throws IOException {
        Path dir = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(1_500, 7)).generate(dir);
        db = DataSources.open(dir.toString()).load().database();
        raw = RawBank.read(dir);
    }

    @Test
    void mortgagePropensityLabelsOnlyCustomersWithoutAMortgageAtTheAnchor() {
        PredictiveQuery q = PredictiveQuery.parse(MORTGAGE, db.schema());
        assertEquals(TaskType.BINARY, q.taskType());
        TrainingSplits splits = build(q);
        int rows = 0;
        double positives = 0;
        for (TrainingTable table : tables(splits)) {
            for (int i = 0; i < table.size(); i++) {
                long customer = Long.parseLong(table.entityKey(i));
                long t = table.anchorTime(i);
                assertTrue(raw.holdingsOf(customer).stream().noneMatch(h -> isMortgage(h) && h.time() <= t),
                        "customer " + customer + " already held a Mortgage at " + Instant.ofEpochMilli(t));
                positives += table.label(i);
            }
            rows += table.size();
            // The filter must have had something to exclude, or the check above proves nothing.
            long excluded = raw.createdAt.keySet().stream().filter(c -> raw.exists(c, table.anchors().get(0))
                    && hadMortgageBy(c, table.anchors().get(0))).count();
            assertTrue(excluded > 0, table.split() + ": no customer held a Mortgage at the first anchor");
        }
        double rate = positives / rows;
        assertTrue(rate >= 0.005 && rate <= 0.06, "positive rate " + rate + " over " + rows + " rows");
        assertMatches(splits, (c, t) -> raw.exists(c, t) && !hadMortgageBy(c, t)
                ? Optional.of(raw.holdingsOf(c).stream().anyMatch(h -> isMortgage(h)
                        && inWindow(h.time(), t, 0, 6, ChronoUnit.MONTHS)) ? 1.0 : 0.0)
                : Optional.empty());
    }

    @Test
    void nextBestActionHasOneCandidatePerInteractionOfTheChosenSegments() {
        PredictiveQuery q = PredictiveQuery.parse("PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted') "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.SEGMENT IN ('Mass Affluent','Premier')",
                db.schema());
        assertEquals(TaskType.RANKING, q.taskType());
        TrainingSplits splits = build(q);
        for (TrainingTable table : tables(splits)) {
            Map<String, Object> actual = new HashMap<>();
            for (int i = 0; i < table.size(); i++) {
                actual.put(table.entityKey(i) + "@" + table.anchorTime(i) + "#" + table.targetKey(i),
                        table.label(i));
            }
            Map<String, Object> expected = new HashMap<>();
            for (long t : table.anchors()) {
                for (long c : raw.createdAt.keySet()) {
                    String segment = raw.segment.get(c);
                    if (!raw.exists(c, t) || !(segment.equals("Mass Affluent") || segment.equals("Premier"))) {
                        continue;
                    }
                    for (Event e : raw.interactionsOf(c)) {
                        if (inWindow(e.time(), t, 0, 30, ChronoUnit.DAYS)) {
                            expected.put(c + "@" + t + "#" + e.id(), e.kind().equals("Accepted") ? 1.0 : 0.0);
                        }
                    }
                }
            }
            assertSame(table.split(), expected, actual);
            assertEquals(table.size(), actual.size(), table.split() + ": duplicate candidate rows");
            assertTrue(actual.containsValue(1.0) && actual.containsValue(0.0),
                    table.split() + ": both accepted and other outcomes should occur");
        }
    }

    @Test
    void thirtyDaySpendIsTheSumOfTheWindowsTransactions() {
        PredictiveQuery q = PredictiveQuery.parse(
                "PREDICT SUM(TRANSACTIONS.AMOUNT, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID", db.schema());
        assertEquals(TaskType.REGRESSION, q.taskType());
        assertMatches(build(q), (c, t) -> raw.exists(c, t) ? Optional.of(spend(c, t)) : Optional.empty());
    }

    /**
     * Anchors placed exactly on transaction times: a transaction at the anchor is history and one at the anchor
     * plus 30 days is label, and the two boundary choices give different sums here, so a flipped bound fails.
     */
    @Test
    void spendWindowExcludesTheAnchorAndIncludesItsEnd() {
        PredictiveQuery q = PredictiveQuery.parse(
                "PREDICT SUM(TRANSACTIONS.AMOUNT, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID", db.schema());
        long customer = raw.createdAt.firstKey();
        List<Event> txns = raw.transactionsOf(customer);
        Event atAnchor = txns.get(txns.size() / 2);
        Event atEnd = txns.get(txns.size() / 3);
        long[] anchors = {atAnchor.time(), shift(atEnd.time(), -30, ChronoUnit.DAYS)};
        TrainingTable table = new TrainingTableBuilder(db, q).build("boundaries", List.of(anchors[0], anchors[1]));
        for (long t : anchors) {
            double label = labelOf(table, customer, t);
            assertEquals(spend(customer, t), label, 1e-6, "customer " + customer + " at " + Instant.ofEpochMilli(t));
            double closedAtStart = txns.stream().filter(e -> e.time() >= t
                    && e.time() < shift(t, 30, ChronoUnit.DAYS)).mapToDouble(Event::amount).sum();
            assertTrue(Math.abs(label - closedAtStart) > 1e-6, "boundary rows must change the sum at "
                    + Instant.ofEpochMilli(t));
        }
    }

    @Test
    void realEstatePurchasesInSixtyDaysIsACountedBinaryLabel() {
        PredictiveQuery q = PredictiveQuery.parse("PREDICT COUNT(TRANSACTIONS.* WHERE "
                + "TRANSACTIONS.MERCHANT_CATEGORY = 'real estate', 0, 60, days) > 0 FOR EACH CUSTOMERS.CUSTOMER_ID",
                db.schema());
        assertEquals(TaskType.BINARY, q.taskType());
        TrainingSplits splits = build(q);
        assertMatches(splits, (c, t) -> raw.exists(c, t)
                ? Optional.of(raw.transactionsOf(c).stream().anyMatch(e -> e.kind().equals("real estate")
                        && inWindow(e.time(), t, 0, 60, ChronoUnit.DAYS)) ? 1.0 : 0.0)
                : Optional.empty());
        assertTrue(tables(splits).stream().allMatch(t -> t.summary().labelMean() > 0),
                "every split should hold some real-estate buyers");
    }

    @Test
    void nextProductsAreTheDistinctProductsOpenedInTheWindow() {
        PredictiveQuery q = PredictiveQuery.parse("PREDICT LIST_DISTINCT(PRODUCT_HOLDINGS.PRODUCT_ID, 0, 6, months) "
                + "RANK TOP 3 FOR EACH CUSTOMERS.CUSTOMER_ID", db.schema());
        assertEquals(TaskType.RANKING, q.taskType());
        assertMatches(build(q), (c, t) -> {
            if (!raw.exists(c, t)) {
                return Optional.empty();
            }
            TreeSet<Long> products = new TreeSet<>();
            raw.holdingsOf(c).stream().filter(h -> inWindow(h.time(), t, 0, 6, ChronoUnit.MONTHS))
                    .forEach(h -> products.add(h.ref()));
            return products.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(products));
        });
    }

    private static TrainingSplits build(PredictiveQuery q) {
        SplitPlan plan = new SplitPlanner(db, q.window()).maxTrainAnchors(TRAIN_ANCHORS).plan();
        return new TrainingTableBuilder(db, q).build(plan);
    }

    private static List<TrainingTable> tables(TrainingSplits s) {
        return List.of(s.train(), s.val(), s.test());
    }

    /**
     * Every split's rows equal {@code expected(customer, anchor)} over all customers and the split's anchors: a
     * label (a number, or the sorted product ids of a list) where it gives one, no row where it gives none.
     */
    private static void assertMatches(TrainingSplits splits, BiFunction<Long, Long, Optional<Object>> expected) {
        for (TrainingTable table : tables(splits)) {
            Map<String, Object> actual = new HashMap<>();
            for (int i = 0; i < table.size(); i++) {
                // Lists follow the referenced table's row order; the products are compared as a set.
                Object label = table.hasListLabels()
                        ? table.labelListKeys(i).stream().map(Long::parseLong).sorted().toList()
                        : (Object) table.label(i);
                actual.put(table.entityKey(i) + "@" + table.anchorTime(i), label);
            }
            assertEquals(table.size(), actual.size(), table.split() + ": duplicate (customer, anchor) rows");
            Map<String, Object> want = new HashMap<>();
            for (long t : table.anchors()) {
                for (long c : raw.createdAt.keySet()) {
                    expected.apply(c, t).ifPresent(label -> want.put(c + "@" + t, label));
                }
            }
            assertTrue(want.size() > 100, table.split() + ": only " + want.size() + " expected rows");
            assertSame(table.split(), want, actual);
        }
    }

    /** Fails with up to 10 (customer@anchor) keys whose presence or label differ. */
    private static void assertSame(String split, Map<String, Object> expected, Map<String, Object> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> differences = new ArrayList<>();
        for (String k : keys) {
            if (!sameLabel(expected.get(k), actual.get(k)) && differences.size() < 10) {
                differences.add(k + ": expected " + expected.get(k) + ", built " + actual.get(k));
            }
        }
        assertEquals(List.of(), differences, split + ": rows differing from the raw-row recomputation");
    }

    private static boolean sameLabel(Object a, Object b) {
        if (a instanceof Double x && b instanceof Double y) {
            return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x));
        }
        return Objects.equals(a, b);
    }

    private static double labelOf(TrainingTable table, long customer, long anchor) {
        for (int i = 0; i < table.size(); i++) {
            if (table.anchorTime(i) == anchor && table.entityKey(i).equals(Long.toString(customer))) {
                return table.label(i);
            }
        }
        throw new AssertionError("no row for customer " + customer + " at " + Instant.ofEpochMilli(anchor));
    }

    private static double spend(long customer, long t) {
        return raw.transactionsOf(customer).stream().filter(e -> inWindow(e.time(), t, 0, 30, ChronoUnit.DAYS))
                .mapToDouble(Event::amount).sum();
    }

    private static boolean isMortgage(Event holding) {
        return holding.kind().equals("Mortgage");
    }

    private static boolean hadMortgageBy(long customer, long t) {
        return raw.holdingsOf(customer).stream().anyMatch(h -> isMortgage(h) && h.time() <= t);
    }

    /** Whether {@code time} lies in {@code (t + start, t + end]}. */
    private static boolean inWindow(long time, long t, long start, long end, ChronoUnit unit) {
        return time > shift(t, start, unit) && time <= shift(t, end, unit);
    }

    /** Calendar arithmetic in UTC, written here rather than borrowed from the query package it checks. */
    private static long shift(long t, long amount, ChronoUnit unit) {
        return Instant.ofEpochMilli(t).atOffset(ZoneOffset.UTC).plus(amount, unit).toInstant().toEpochMilli();
    }
}
