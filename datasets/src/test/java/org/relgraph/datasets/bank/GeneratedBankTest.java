package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.TableSchema;

/**
 * Properties of one 10k-customer dataset, generated once: the size the brief says must take seconds. Every
 * statistic is measured on the written files, not on the generator's internals.
 */
class GeneratedBankTest {
    private static final BankConfig CONFIG = BankConfig.of(10_000, 7);
    private static final LocalDate ANCHOR = LocalDate.of(2024, 1, 1);

    @TempDir
    static Path tmp;
    static Path data;
    static GenerationReport report;
    static List<long[]> progress = new ArrayList<>();
    static Map<Long, Long> createdDay = new HashMap<>();
    static Map<Long, String> lifeStage = new HashMap<>();
    /** Per customer, open days of their Mortgage rows; negative = a closed (paid-off) mortgage. */
    static Map<Long, List<Long>> mortgageDays = new HashMap<>();
    /** Per customer, days of real-estate transactions. */
    static Map<Long, List<Long>> realEstateDays = new HashMap<>();
    /** Transactions per calendar month (1-12), all years together. */
    static long[] transactionsByMonth = new long[13];
    /** Savings trend_3mo on the last snapshot before the anchor, where known. */
    static Map<Long, Double> savingsTrendBeforeAnchor = new HashMap<>();
    static long balanceRows;
    static long missingBalances;
    static OracleResult oracle;

    @BeforeAll
    static void generate() throws IOException {
        data = tmp.resolve("bank");
        report = new BankGenerator(CONFIG).generate(data, (done, total) -> progress.add(new long[] {done, total}));
        CsvRows.forEach(data.resolve("customers.csv"), r -> {
            createdDay.put(r.getLong("customer_id"), r.epochDay("created_at"));
            lifeStage.put(r.getLong("customer_id"), r.get("life_stage"));
        });
        CsvRows.forEach(data.resolve("product_holdings.csv"), r -> {
            if (r.get("product").equals("Mortgage")) {
                long day = r.epochDay("open_date");
                mortgageDays.computeIfAbsent(r.getLong("customer_id"), k -> new ArrayList<>())
                        .add(r.get("status").equals("active") ? day : -day);
            }
        });
        CsvRows.forEach(data.resolve("transactions.csv"), r -> {
            transactionsByMonth[Integer.parseInt(r.get("timestamp").substring(5, 7))]++;
            if (r.get("merchant_category").equals("real estate")) {
                realEstateDays.computeIfAbsent(r.getLong("customer_id"), k -> new ArrayList<>())
                        .add(r.epochDay("timestamp"));
            }
        });
        String lastSnapshot = ANCHOR.minusDays(1).toString();
        balanceRows = CsvRows.forEach(data.resolve("account_balances.csv"), r -> {
            missingBalances += r.isNull("balance") ? 1 : 0;
            if (r.get("account_type").equals("savings") && r.get("snapshot_date").equals(lastSnapshot)
                    && !r.isNull("trend_3mo")) {
                savingsTrendBeforeAnchor.put(r.getLong("customer_id"), Double.parseDouble(r.get("trend_3mo")));
            }
        });
        oracle = new MortgageOracle(CONFIG).evaluate(ANCHOR);
    }

    /** Customers who exist and hold no active mortgage at the anchor, mapped to "opened one within 6 months". */
    private static Map<Long, Boolean> mortgageTask(LocalDate anchor) {
        long t = anchor.toEpochDay();
        long end = anchor.plusMonths(MortgageOracle.HORIZON_MONTHS).toEpochDay();
        Map<Long, Boolean> task = new HashMap<>();
        createdDay.forEach((id, created) -> {
            List<Long> days = mortgageDays.getOrDefault(id, List.of());
            boolean heldBefore = days.stream().anyMatch(d -> d >= 0 && d < t);
            if (created < t && !heldBefore) {
                task.put(id, days.stream().anyMatch(d -> d >= t && d < end));
            }
        });
        return task;
    }

    private static long realEstateInLast60Days(long customer, LocalDate anchor) {
        long t = anchor.toEpochDay();
        return realEstateDays.getOrDefault(customer, List.of()).stream().filter(d -> d >= t - 60 && d < t).count();
    }

    private static double rate(Map<Long, Boolean> task, Set<Long> group) {
        return group.stream().filter(task::get).count() / (double) group.size();
    }

    @Test
    void schemaYamlIsReadableAndDescribesTheFiles() {
        Schema schema = SchemaYaml.read(data.resolve(SchemaYaml.FILE_NAME));
        assertEquals(List.of("customers", "transactions", "account_balances", "product_holdings",
                "product_catalog", "interaction_history"), schema.tableNames());
        for (TableSchema t : schema.tables()) {
            assertNotNull(t.primaryKey(), t.name() + " needs a primary key");
            assertTrue(Files.exists(data.resolve(t.source())), t.source());
            assertEquals(t.name().equals("product_catalog"), t.isTimeless(), t.name());
        }
        assertEquals(List.of("customer_id", "name", "age", "segment", "life_stage", "products_held",
                "tenure_years", "created_at"), schema.requireTable("customers").columnNames());
        assertEquals(5, schema.foreignKeys().size());
    }

    @Test
    void onlyTheTablesAndSchemaArePublishedAndNoTempFolderIsLeft() throws IOException {
        try (Stream<Path> files = Files.list(data)) {
            assertEquals(7, files.count());
        }
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of(data), siblings.toList());
        }
    }

    @Test
    void tablesHaveTheExpectedSize() {
        Map<BankTable, Long> rows = report.rowCounts();
        assertEquals(10_000, rows.get(BankTable.CUSTOMERS));
        assertEquals(6, rows.get(BankTable.PRODUCT_CATALOG));
        long txns = rows.get(BankTable.TRANSACTIONS);
        assertTrue(txns > 70 * 10_000L && txns < 140 * 10_000L, "about 100 transactions per customer: " + txns);
    }

    /**
     * One pass per file (they hold 2M rows, and these checks share it): primary keys are unique, foreign keys
     * resolve, and time columns lie inside the history and never before the row's customer joined. Parents are
     * read first, so their key sets are complete when children are read; keys are numeric, so bit sets suffice.
     */
    @Test
    void everyRowHasAUniqueKeyResolvableParentsAndATimeInsideTheHistory() {
        long start = CONFIG.startDate().toEpochDay();
        long end = CONFIG.endDate().toEpochDay();
        Schema schema = SchemaYaml.read(data.resolve(SchemaYaml.FILE_NAME));
        Map<String, BitSet> keysByTable = new HashMap<>();
        List<TableSchema> parentsFirst = new ArrayList<>(schema.tables());
        parentsFirst.sort(Comparator.comparing(t -> !t.foreignKeys().isEmpty()));
        for (TableSchema t : parentsFirst) {
            BitSet keys = new BitSet();
            long n = CsvRows.forEach(data.resolve(t.source()), r -> {
                int key = Math.toIntExact(r.getLong(t.primaryKey()));
                assertFalse(keys.get(key), t.name() + " repeats key " + key);
                keys.set(key);
                for (ForeignKey fk : t.foreignKeys()) {
                    assertTrue(keysByTable.get(fk.referencedTable()).get(Math.toIntExact(r.getLong(fk.column()))),
                            fk + ": dangling " + r.get(fk.column()));
                }
                if (t.timeColumn() == null) {
                    return;
                }
                long day = r.epochDay(t.timeColumn());
                String where = t.name() + "." + t.timeColumn() + " = " + r.get(t.timeColumn());
                assertTrue(day < end, where + " is after the history");
                if (t.name().equals("customers")) {
                    assertTrue(day > start - 80 * 366, where);
                } else {
                    assertTrue(day >= createdDay.get(r.getLong("customer_id")), where + " precedes its customer");
                    if (!t.name().equals("product_holdings")) {
                        assertTrue(day >= start, where + " is before the history");
                    }
                }
            });
            assertEquals(report.rowCounts().get(BankTable.valueOf(t.name().toUpperCase(Locale.ROOT))), n, t.name());
            keysByTable.put(t.name(), keys);
        }
        assertEquals(6, keysByTable.size());
    }

    @Test
    void mortgagePositiveRateIsAFewPercentAndMatchesTheOracleLabels() {
        Map<Long, Boolean> task = mortgageTask(ANCHOR);
        long positives = task.values().stream().filter(b -> b).count();
        double rate = positives / (double) task.size();
        assertTrue(rate >= 0.01 && rate <= 0.04, "6-month mortgage rate " + rate);
        // The oracle replays the simulation: its population and labels must be exactly those in the files.
        assertEquals(task.size(), oracle.eligible());
        assertEquals(positives, oracle.positives());
    }

    @Test
    void oracleProbabilitiesAreCalibratedAgainstTheDrawnLabels() {
        // Positives are a sum of independent Bernoulli(p), whose standard deviation is at most sqrt(sum of p).
        double sd = Math.sqrt(oracle.expectedPositives());
        assertEquals(oracle.expectedPositives(), oracle.positives(), 4 * sd, oracle.toString());
    }

    @Test
    void oracleAurocIsBetterThanChanceAndAtMostOne() {
        assertTrue(oracle.expectedAuroc() > 0.7 && oracle.expectedAuroc() <= 1.0, oracle.toString());
        assertTrue(oracle.realisedAuroc() > 0.6 && oracle.realisedAuroc() <= 1.0, oracle.toString());
    }

    @Test
    void signalA_lifeStageShiftsTheBaseRate() {
        Set<Long> youngFamilies = new HashSet<>();
        Set<Long> retiredOrStudents = new HashSet<>();
        Map<Long, Boolean> task = mortgageTask(ANCHOR);
        task.keySet().forEach(id -> {
            String stage = lifeStage.get(id);
            if (stage.equals("Young Family")) {
                youngFamilies.add(id);
            } else if (stage.equals("Retired") || stage.equals("Student")) {
                retiredOrStudents.add(id);
            }
        });
        double young = rate(task, youngFamilies);
        double old = rate(task, retiredOrStudents);
        assertTrue(young > 2.5 * old, "Young Family " + young + " vs Retired/Student " + old);
    }

    @Test
    void signalB_recentRealEstateSpendingRaisesTheMortgageRate() {
        Map<Long, Boolean> task = mortgageTask(ANCHOR);
        Set<Long> burst = new HashSet<>();
        Set<Long> others = new HashSet<>();
        task.keySet().forEach(id -> (realEstateInLast60Days(id, ANCHOR) >= 2 ? burst : others).add(id));
        assertTrue(burst.size() >= 50, "enough customers with a burst: " + burst.size());
        double withBurst = rate(task, burst);
        double without = rate(task, others);
        assertTrue(withBurst > 5 * without, "burst " + withBurst + " vs others " + without);
    }

    @Test
    void signalC_savingsTrendAfterABurstSeparatesBuyersFromBrowsers() {
        Map<Long, Boolean> task = mortgageTask(ANCHOR);
        Map<Long, Double> savingsTrend = savingsTrendBeforeAnchor;
        Set<Long> burstAndSaving = new HashSet<>();
        Set<Long> burstOnly = new HashSet<>();
        Set<Long> savingOnly = new HashSet<>();
        task.keySet().forEach(id -> {
            boolean burst = realEstateInLast60Days(id, ANCHOR) >= 2;
            boolean saving = savingsTrend.getOrDefault(id, 0.0) > 0.2;
            if (burst && saving) {
                burstAndSaving.add(id);
            } else if (burst) {
                burstOnly.add(id);
            } else if (saving) {
                savingOnly.add(id);
            }
        });
        double both = rate(task, burstAndSaving);
        assertTrue(both > 2 * rate(task, burstOnly), "burst+saving " + both + " vs burst only "
                + rate(task, burstOnly));
        assertTrue(both > 4 * rate(task, savingOnly), "burst+saving " + both + " vs saving only "
                + rate(task, savingOnly));
    }

    @Test
    void dataHasGapsColdStartsAndSeasonality() {
        long[] missingAges = {0};
        CsvRows.forEach(data.resolve("customers.csv"), r -> missingAges[0] += r.isNull("age") ? 1 : 0);
        assertTrue(missingAges[0] > 100 && missingAges[0] < 600, "missing ages " + missingAges[0]);

        assertTrue(missingBalances > balanceRows / 200 && missingBalances < balanceRows / 20,
                "missing balances " + missingBalances + " of " + balanceRows);

        long joiners = createdDay.values().stream().filter(d -> d >= CONFIG.startDate().toEpochDay()).count();
        assertTrue(joiners > 400 && joiners < 1500, "recent joiners " + joiners);

        long[] byMonth = transactionsByMonth;
        assertTrue(byMonth[12] > 1.2 * byMonth[10], "December " + byMonth[12] + " vs October " + byMonth[10]);
        assertTrue(byMonth[7] > 1.05 * byMonth[10], "July " + byMonth[7] + " vs October " + byMonth[10]);
    }

    @Test
    void progressRisesToTheTotal() {
        assertFalse(progress.isEmpty());
        long previous = 0;
        for (long[] p : progress) {
            assertTrue(p[0] > previous && p[1] == 10_000, "done must rise: " + p[0]);
            previous = p[0];
        }
        assertEquals(10_000, previous);
        assertTrue(progress.size() <= 1001, "bounded number of callbacks: " + progress.size());
    }
}
