package org.relgraph.models.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.schema.SemanticType.CATEGORICAL;
import static org.relgraph.schema.SemanticType.ID;
import static org.relgraph.schema.SemanticType.NUMERICAL;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.models.baseline.FlatXgboostKind;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The audit on a database with a planted leak: customers buy once (or never) at a random day, and every purchase
 * comes with a standing order in a table without a time column, so at every anchor the standing orders show who will
 * buy, the way Berka's loan repayments show who takes a loan. Regions are an honest timeless table of pure noise.
 */
class LeakageAuditTest {
    static final long DAY = 86_400_000L;
    static final long START = 1_704_067_200_000L;
    static final String QUERY = "PREDICT COUNT(purchases.*, 0, 30, days) > 0 FOR EACH customers.customer_id";
    static Database db;
    static TrainingSplits splits;
    static PredictiveQuery query;

    @BeforeAll
    static void leakyShop() {
        db = leakyShop(3000, 11);
        query = PredictiveQuery.parse(QUERY, db.schema());
        TrainingTableBuilder b = new TrainingTableBuilder(db, query);
        List<Long> train = new ArrayList<>();
        for (int d = 60; d <= 240; d += 30) {
            train.add(START + d * DAY);
        }
        splits = new TrainingSplits(b.build("train", train), b.build("val", List.of(START + 270 * DAY)),
                b.build("test", List.of(START + 300 * DAY)));
    }

    @Test
    void reachableTablesFollowKeysBothWaysWithinTheHops() {
        assertEquals(List.of("regions", "purchases", "standing_orders"),
                LeakageAudit.reachableTables(db.schema(), "customers", 1));
        assertEquals(List.of("customers"), LeakageAudit.reachableTables(db.schema(), "purchases", 1));
        assertEquals(List.of("customers", "regions", "standing_orders"),
                LeakageAudit.reachableTables(db.schema(), "purchases", 2));
    }

    @Test
    void maskingATableScoresTheModelAsIfTheTableWereEmpty() {
        Database masked = db.withEmptyTable("standing_orders");
        assertEquals(0, masked.table("standing_orders").rowCount());
        assertEquals(db.table("purchases").rowCount(), masked.table("purchases").rowCount());
        assertEquals(db.table("standing_orders").columns().size(), masked.table("standing_orders").columns().size());
    }

    @Test
    void flatXgboostLeaningOnTheTimelessLeakIsFlaggedAndTheHonestStaticTableIsNot(@TempDir Path dir)
            throws Exception {
        Path bundle = dir.resolve("flat");
        try (BaselineModel m = BaselineModel.train(db, query, splits, FlatXgboostKind.INSTANCE, 7, 1, line -> { })) {
            m.save(bundle);
        }
        AuditReport report = LeakageAudit.run((d, g) -> ModelLoader.load(bundle, d, g), db, splits.val(),
                LeakageAudit.AuditPlan.of(db.schema(), "customers", 2));
        assertFlagsOnlyTheLeak(report);
    }

    /**
     * The flat baselines mask their feature matrix, computed once; the report must be the one reloading the model
     * against a masked copy of the data gives, number for number, and no reload may happen.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"rules", "entity-gbdt", "flat-xgboost"})
    void flatModelsMaskTheirFeaturesAndReportWhatReloadingOnMaskedDataReports(String kindId, @TempDir Path dir)
            throws Exception {
        org.relgraph.models.baseline.TabularKind kind = (org.relgraph.models.baseline.TabularKind)
                org.relgraph.models.ModelKinds.byId(kindId);
        Path bundle = dir.resolve(kindId);
        try (BaselineModel m = BaselineModel.train(db, query, splits, kind, 7, 1, line -> { })) {
            m.save(bundle);
            LeakageAudit.AuditPlan plan = LeakageAudit.AuditPlan.of(db.schema(), "customers", 2);
            AuditReport reloaded = LeakageAudit.run((d, g) -> ModelLoader.load(bundle, d, g), db, splits.val(), plan);
            AuditReport masked = LeakageAudit.run(m, (d, g) -> {
                throw new AssertionError("a flat model must not be reloaded to be audited");
            }, db, splits.val(), plan);
            assertSameFindings(reloaded, masked);
            assertEquals(List.of("regions", "purchases", "standing_orders"),
                    masked.tables().stream().map(AuditReport.TableMask::table).toList());
        }
    }

    /** Offers are the ranking's target (never masked): only the entity's columns are audited. */
    @Test
    void theFlatRankerMasksItsFeaturesToo(@TempDir Path dir) throws Exception {
        Database offers = org.relgraph.models.fixtures.OfferHistory.database(300, 5);
        TrainingSplits s = org.relgraph.models.fixtures.OfferHistory.splits(offers);
        PredictiveQuery q = PredictiveQuery.parse(org.relgraph.models.fixtures.OfferHistory.QUERY, offers.schema());
        Path bundle = dir.resolve("ranker");
        try (var m = org.relgraph.models.baseline.FlatXgboostRankingModel.train(offers, q, s, 7, 1,
                org.relgraph.models.features.FeatureOptions.NO_CUTOFF, line -> { })) {
            m.save(bundle);
            LeakageAudit.AuditPlan plan = LeakageAudit.AuditPlan.of(offers.schema(), q, 2);
            AuditReport reloaded = LeakageAudit.run((d, g) -> ModelLoader.load(bundle, d, g), offers, s.val(), plan);
            AuditReport masked = LeakageAudit.run(m, (d, g) -> {
                throw new AssertionError("a flat model must not be reloaded to be audited");
            }, offers, s.val(), plan);
            assertSameFindings(reloaded, masked);
            assertFalse(masked.columns().isEmpty());
        }
    }

    private static void assertSameFindings(AuditReport reloaded, AuditReport masked) {
        String shown = String.join("\n", reloaded.lines()) + "\n--- masked on the matrix:\n"
                + String.join("\n", masked.lines());
        assertEquals(reloaded.baseline(), masked.baseline(), shown);
        assertEquals(reloaded.tables().stream().map(AuditReport.TableMask::table).toList(),
                masked.tables().stream().map(AuditReport.TableMask::table).toList(), shown);
        for (int i = 0; i < reloaded.tables().size(); i++) {
            assertEquals(reloaded.tables().get(i).metricWithout(), masked.tables().get(i).metricWithout(), shown);
            assertEquals(reloaded.tables().get(i).flagged(), masked.tables().get(i).flagged(), shown);
        }
        assertEquals(reloaded.columns().size(), masked.columns().size(), shown);
        for (int i = 0; i < reloaded.columns().size(); i++) {
            assertEquals(reloaded.columns().get(i).metricWithout(), masked.columns().get(i).metricWithout(), shown);
        }
    }

    @Test
    void theGnnLeaningOnTheTimelessLeakIsFlaggedToo(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("gnn");
        GnnConfig small = GnnConfig.defaults().withHidden(16).withFanouts(4, 2).withBatchSize(256).withEpochs(3)
                .withSeed(3);
        try (GnnPredictor m = GnnPredictor.train(db, query, splits, small, TrainingListener.NONE)) {
            m.save(bundle);
        }
        AuditReport report = LeakageAudit.run((d, g) -> ModelLoader.load(bundle, d, g), db, splits.val(),
                LeakageAudit.AuditPlan.of(db.schema(), "customers", 2));
        assertFlagsOnlyTheLeak(report);
    }

    @Test
    void aSnapshotColumnOfTheEntityGetsANoteAndNoTableIsFlagged(@TempDir Path dir) throws Exception {
        Database shop = leakyShop(3000, 11, true);
        PredictiveQuery q = PredictiveQuery.parse(QUERY, shop.schema());
        TrainingTableBuilder b = new TrainingTableBuilder(shop, q);
        List<Long> train = new ArrayList<>();
        for (int d = 60; d <= 240; d += 30) {
            train.add(START + d * DAY);
        }
        TrainingSplits s = new TrainingSplits(b.build("train", train), b.build("val", List.of(START + 270 * DAY)),
                b.build("test", List.of(START + 300 * DAY)));
        Path bundle = dir.resolve("flat");
        try (BaselineModel m = BaselineModel.train(shop, q, s, FlatXgboostKind.INSTANCE, 7, 1, line -> { })) {
            m.save(bundle);
        }
        AuditReport report = LeakageAudit.run((d, g) -> ModelLoader.load(bundle, d, g), shop, s.val(),
                LeakageAudit.AuditPlan.of(shop.schema(), "customers", 2));
        String shown = String.join("\n", report.lines());
        assertEquals(List.of("age", "purchases_total"),
                report.columns().stream().map(AuditReport.ColumnMask::column).toList(), shown);
        assertTrue(report.columns().get(1).noted(), shown);
        assertFalse(report.columns().get(0).noted(), shown);
        assertTrue(report.tables().stream().noneMatch(AuditReport.TableMask::flagged), shown);
        assertTrue(shown.contains("note: column purchases_total carries much of the signal"), shown);
    }

    private static void assertFlagsOnlyTheLeak(AuditReport report) {
        String shown = String.join("\n", report.lines());
        AuditReport.TableMask leak = mask(report, "standing_orders");
        AuditReport.TableMask regions = mask(report, "regions");
        AuditReport.TableMask purchases = mask(report, "purchases");
        assertTrue(report.baseline() > 0.8, "the leak makes the model look good: " + shown);
        assertTrue(leak.flagged() && leak.drop() > 0.1, shown);
        assertFalse(regions.flagged(), shown);
        assertTrue(Math.abs(regions.drop()) < LeakageAudit.DROP_THRESHOLD, shown);
        assertFalse(purchases.flagged(), "a timed table is never flagged for its drop: " + shown);
        assertTrue(report.hasFlags());
        assertTrue(shown.contains("WARNING: table standing_orders has no time column"), shown);
        assertEquals(1.0, report.asMetrics().get("audit_flag_standing_orders"));
        assertTrue(report.columns().stream().noneMatch(AuditReport.ColumnMask::noted), shown);
        assertFalse(report.asMetrics().containsKey("audit_flag_regions"));
    }

    private static AuditReport.TableMask mask(AuditReport report, String table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }

    /** Customers in 5 regions; about half buy once in the year; each purchase has a standing order (no time). */
    static Database leakyShop(int customers, long seed) {
        return leakyShop(customers, seed, false);
    }

    /**
     * With {@code snapshot}, the leak moves from the standing orders (left empty) to a column of the customer row:
     * {@code purchases_total}, the customer's purchase count as of the export, not as of each prediction time.
     */
    static Database leakyShop(int customers, long seed, boolean snapshot) {
        Random random = new Random(seed);
        Schema schema = new Schema(List.of(
                new TableSchema("regions", List.of(new ColumnSchema("region_id", ID),
                        new ColumnSchema("name", CATEGORICAL)), "region_id", null, List.of()),
                new TableSchema("customers", List.of(new ColumnSchema("customer_id", ID),
                        new ColumnSchema("region_id", ID), new ColumnSchema("age", NUMERICAL),
                        new ColumnSchema("purchases_total", NUMERICAL)), "customer_id", null,
                        List.of(new ForeignKey("customers", "region_id", "regions"))),
                new TableSchema("purchases", List.of(new ColumnSchema("purchase_id", ID),
                        new ColumnSchema("customer_id", ID), new ColumnSchema("ts", TIMESTAMP)), "purchase_id", "ts",
                        List.of(new ForeignKey("purchases", "customer_id", "customers"))),
                new TableSchema("standing_orders", List.of(new ColumnSchema("order_id", ID),
                        new ColumnSchema("customer_id", ID), new ColumnSchema("amount", NUMERICAL)), "order_id",
                        null, List.of(new ForeignKey("standing_orders", "customer_id", "customers")))));
        long[] region = new long[customers];
        double[] age = new double[customers];
        List<long[]> purchases = new ArrayList<>();
        for (int c = 0; c < customers; c++) {
            region[c] = random.nextInt(5);
            age[c] = 20 + random.nextInt(50);
            if (random.nextBoolean()) {
                purchases.add(new long[] {c, START + random.nextInt(360) * DAY + random.nextInt(86_400) * 1000L});
            }
        }
        int n = purchases.size();
        double[] total = new double[customers];
        for (long[] p : purchases) {
            total[(int) p[0]] += snapshot ? 1 : 0;
        }
        int orderRows = snapshot ? 0 : n;
        long[] buyer = new long[n];
        long[] time = new long[n];
        double[] amount = new double[n];
        for (int i = 0; i < n; i++) {
            buyer[i] = purchases.get(i)[0];
            time[i] = purchases.get(i)[1];
            amount[i] = 100 + random.nextInt(900);
        }
        return new Database(schema, List.of(
                new Table(schema.requireTable("regions"), List.of(ids("region_id", 5),
                        new CategoricalColumn("name", CATEGORICAL, new int[] {0, 1, 2, 3, 4},
                                List.of("north", "south", "east", "west", "centre")))),
                new Table(schema.requireTable("customers"), List.of(ids("customer_id", customers),
                        new LongColumn("region_id", ID, region, new BitSet()),
                        new DoubleColumn("age", NUMERICAL, age, new BitSet()),
                        new DoubleColumn("purchases_total", NUMERICAL, total, new BitSet()))),
                new Table(schema.requireTable("purchases"), List.of(ids("purchase_id", n),
                        new LongColumn("customer_id", ID, buyer, new BitSet()),
                        new LongColumn("ts", TIMESTAMP, time, new BitSet()))),
                new Table(schema.requireTable("standing_orders"), List.of(ids("order_id", orderRows),
                        new LongColumn("customer_id", ID, java.util.Arrays.copyOf(buyer, orderRows), new BitSet()),
                        new DoubleColumn("amount", NUMERICAL, java.util.Arrays.copyOf(amount, orderRows),
                                new BitSet())))));
    }

    private static LongColumn ids(String name, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return new LongColumn(name, ID, v, new BitSet());
    }

    /**
     * With the trained model's graph to share, a masked copy adds only what its mask touches: the audit runs in a
     * heap that the whole copy it counted before (links, time orders, a second graph) would not fit.
     */
    @Test
    void aMaskedCopySharingTheTrainedGraphNeedsOnlyWhatItsMaskTouches() {
        LeakageAudit.AuditPlan plan = LeakageAudit.AuditPlan.of(db.schema(), "customers", 2);
        long whole = LeakageAudit.wholeCopyBytes(db);
        long shared = LeakageAudit.maskedCopyBytes(db, plan);
        assertTrue(shared * 2 < whole, shared + " bytes shared against " + whole + " whole");
        LeakageAudit.requireRoomForAMaskedCopy(db, plan, true, whole / 2);
        assertThrows(AuditSkipped.class, () -> LeakageAudit.requireRoomForAMaskedCopy(db, plan, false, whole / 2));
        // the largest mask decides: the customers emptied, whose purchases and standing orders lose their links
        assertEquals(org.relgraph.source.MaskedCopyEstimate.emptyTable(db, "customers").peakBytes(),
                LeakageAudit.maskedCopyBytes(db, LeakageAudit.AuditPlan.of(db.schema(), "purchases", 1)));
    }

    /** A masked copy that would not fit is a skipped audit with its reason, not an out-of-memory error. */
    @Test
    void anAuditWhoseMaskedCopyWouldNotFitTheFreeHeapIsSkippedWithTheSizes() {
        LeakageAudit.AuditPlan plan = LeakageAudit.AuditPlan.of(db.schema(), "customers", 2);
        LeakageAudit.requireRoomForAMaskedCopy(db, plan, false, 1L << 30);
        AuditSkipped e = assertThrows(AuditSkipped.class,
                () -> LeakageAudit.requireRoomForAMaskedCopy(db, plan, false, 1000));
        assertTrue(e.getMessage().matches("reopening the model on a masked copy of the data needs about [0-9.]+ GB "
                + "more heap, and 0.0 GB is free"), e.getMessage());
    }
}
