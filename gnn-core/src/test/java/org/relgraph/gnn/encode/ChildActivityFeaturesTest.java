package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.encode.TestTables.categorical;
import static org.relgraph.gnn.encode.TestTables.ids;
import static org.relgraph.gnn.encode.TestTables.ms;
import static org.relgraph.gnn.encode.TestTables.numerical;
import static org.relgraph.gnn.encode.TestTables.table;
import static org.relgraph.gnn.encode.TestTables.timestamps;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

class ChildActivityFeaturesTest {
    static final long DAY = 86_400_000L;
    static final long SEED = ms("2024-06-30T00:00:00Z");

    /**
     * Customer 0 has, before the seed: 'estate' 10 and 50 days before, 'fuel' 100 days before, a null category 5
     * days before; after the seed: 'estate' 1 day later and a row with no time. Customer 1 has nothing.
     */
    static Database db() {
        Table customers = table("customers", "customer_id", null, List.of(), ids("customer_id", 0, 1),
                numerical("age", 30.0, 40.0));
        Table txns = table("txns", "txn_id", "ts", List.of(new ForeignKey("txns", "customer_id", "customers")),
                ids("txn_id", 0, 1, 2, 3, 4, 5), ids("customer_id", 0, 0, 0, 0, 0, 0),
                categorical("category", "estate", "estate", "fuel", null, "estate", "fuel"),
                timestamps("ts", at(-10), at(-50), at(-100), at(-5), at(1), null));
        return new Database(new Schema(List.of(customers.schema(), txns.schema())), List.of(customers, txns));
    }

    static String at(int daysFromSeed) {
        return java.time.Instant.ofEpochMilli(SEED + daysFromSeed * DAY).toString();
    }

    static EncodingConfig config() {
        return EncodingConfig.defaults().withMinCategoryCount(1);
    }

    static float[] features(Database db, DatabaseEncoding enc, int row, long seedTime) {
        ChildActivityFeatures f = enc.bindChildActivity("customers", HeteroGraph.build(db), db);
        float[] out = new float[f.width()];
        f.write(row, seedTime, out, 0);
        return out;
    }

    static float log1p(int n) {
        return (float) Math.log1p(n);
    }

    static float recency(int days) {
        return (float) Math.exp(-days / 90.0);
    }

    @Test
    void countsWindowsAndRecencyOfTheChildrenKnownAtTheSeedTime() {
        Database db = db();
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED + 10 * DAY, config());
        ChildActivityEncoding summary = enc.childActivity("customers").get(0);
        assertEquals("txns", summary.childTable());
        // vocabulary order: most frequent first, ties by value
        assertEquals(List.of(new ChildActivityEncoding.Breakdown("category", List.of("estate", "fuel"))),
                summary.breakdowns());
        float[] expected = {
            log1p(4), log1p(2), log1p(3), recency(5),           // all 4 known; 2 in 30 days, 3 in 90; latest 5 d
            log1p(2), log1p(2), recency(10),                    // estate: 2, both within 90 days, latest 10 d
            log1p(1), log1p(0), recency(100),                   // fuel: 1, outside 90 days, 100 d ago
        };
        assertArrayEquals(expected, features(db, enc, 0, SEED), 1e-6f);
        assertEquals(expected.length, enc.childActivityWidth("customers"));
        assertArrayEquals(new float[expected.length], features(db, enc, 1, SEED), 0f);
    }

    @Test
    void aChildNewerThanTheSeedTimeIsNeverCounted() {
        Database db = db();
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED + 10 * DAY, config());
        // The 'estate' row one day after the seed becomes visible exactly at its own time, not a millisecond before.
        float[] justBefore = features(db, enc, 0, SEED + DAY - 1);
        assertEquals(log1p(4), justBefore[0], 1e-6f);
        assertEquals(log1p(2), justBefore[4], 1e-6f);
        float[] dayLater = features(db, enc, 0, SEED + DAY);
        assertEquals(log1p(5), dayLater[0], 1e-6f);
        assertEquals(log1p(3), dayLater[4], 1e-6f);
        assertEquals(1f, dayLater[6], 1e-6f); // estate latest 0 days before
        // and as of 60 days before the seed only the 100-day-old 'fuel' row existed
        float[] early = features(db, enc, 0, SEED - 60 * DAY);
        assertArrayEquals(new float[] {log1p(1), 0, log1p(1), recency(40), 0, 0, 0, log1p(1), log1p(1), recency(40)},
                early, 1e-6f);
    }

    @Test
    void staticChildrenAndManyValuedColumnsAreNotSummarised() {
        Database db = db();
        DatabaseEncoding off = DatabaseEncoding.fit(db, SEED, config().withChildActivity(false));
        assertTrue(off.childActivity().isEmpty());
        assertNull(off.bindChildActivity("customers", HeteroGraph.build(db), db));
        EncodingConfig oneValue = new EncodingConfig(5.0, 2.0, 1, 1000, true, 16, true, 1);
        DatabaseEncoding overall = DatabaseEncoding.fit(db, SEED, oneValue);
        assertEquals(List.of(), overall.childActivity("customers").get(0).breakdowns());
        assertEquals(4, overall.childActivityWidth("customers"));
        assertEquals(0, overall.childActivityWidth("txns"));
    }

    @Test
    void survivesTheBundleAndOldBundlesHaveNone() {
        Database db = db();
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED, config());
        DatabaseEncoding back = EncodingJson.fromJson(EncodingJson.toJson(enc));
        assertEquals(enc.childActivity(), back.childActivity());
        String old = EncodingJson.toJson(new DatabaseEncoding(enc.tables()))
                .replaceAll(",\\s*\"childActivity\"\\s*:\\s*\\[\\s*]", "");
        assertTrue(!old.contains("childActivity"), old);
        assertEquals(List.of(), EncodingJson.fromJson(old).childActivity());
    }

    @Test
    void theLatestValueOfEachMeasurePerCategoryIsAnInputScaledAsTheColumnIs() {
        // balances: savings 100 (20 d), current 50 (10 d), savings null (5 d), savings 900 one day after the seed
        Table customers = table("customers", "customer_id", null, List.of(), ids("customer_id", 0),
                numerical("age", 30.0));
        Table balances = table("balances", "balance_id", "ts",
                List.of(new ForeignKey("balances", "customer_id", "customers")),
                ids("balance_id", 0, 1, 2, 3), ids("customer_id", 0, 0, 0, 0),
                categorical("account", "savings", "current", "savings", "savings"),
                numerical("balance", 100.0, 50.0, null, 900.0),
                timestamps("ts", at(-20), at(-10), at(-5), at(1)));
        Database db = new Database(new Schema(List.of(customers.schema(), balances.schema())),
                List.of(customers, balances));
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED + 10 * DAY, config());
        ChildActivityEncoding summary = enc.childActivity("customers").get(0);
        assertEquals(List.of("balance"), summary.measures());
        NumericalEncoding scaling = (NumericalEncoding) enc.table("balances").columns().stream()
                .filter(c -> c.column().equals("balance")).findFirst().orElseThrow();
        float[] f = features(db, enc, 0, SEED);
        assertEquals(4 + 2 * 4, f.length);
        // savings: 2 rows, latest non-null balance 100 (the null is skipped, the later 900 not yet known)
        assertEquals(log1p(2), f[4], 1e-6f);
        assertEquals((float) scaling.scaled(100.0), f[7], 1e-6f);
        // current: 1 row, 50
        assertEquals((float) scaling.scaled(50.0), f[11], 1e-6f);
        assertEquals((float) scaling.scaled(900.0), features(db, enc, 0, SEED + DAY)[7], 1e-6f);
        ChildActivityEncoding.Feature latest = summary.features().get(7);
        assertEquals(ChildActivityEncoding.Statistic.LATEST, latest.statistic());
        assertEquals("savings", latest.value());
        assertEquals("balance", latest.measure());
    }

    @Test
    void aChildColumnWhoseTypeChangedSinceTrainingIsNamedNotACastError() {
        DatabaseEncoding enc = DatabaseEncoding.fit(db(), SEED + 10 * DAY, config());
        // Reloaded data where txns.category now holds numbers; customers load first, as in training.
        Table customers = table("customers", "customer_id", null, List.of(), ids("customer_id", 0, 1),
                numerical("age", 30.0, 40.0));
        Table txns = table("txns", "txn_id", "ts", List.of(new ForeignKey("txns", "customer_id", "customers")),
                ids("txn_id", 0, 1), ids("customer_id", 0, 0), numerical("category", 1.0, 2.0),
                timestamps("ts", at(-10), at(-50)));
        Database changed = new Database(new Schema(List.of(customers.schema(), txns.schema())),
                List.of(customers, txns));
        org.relgraph.schema.SchemaException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.relgraph.schema.SchemaException.class,
                () -> org.relgraph.gnn.model.BatchAssembler.create(HeteroGraph.build(changed), changed, enc,
                        "customers", org.relgraph.gnn.model.GnnConfig.defaults().samplerConfig()));
        assertTrue(e.getMessage().contains("category"), e.getMessage());
    }

    @Test
    void aForeignKeyGoneSinceTrainingIsNamed() {
        DatabaseEncoding enc = DatabaseEncoding.fit(db(), SEED + 10 * DAY, config());
        Database original = db();
        Table txns = original.table("txns");
        Table unlinked = new Table(new org.relgraph.schema.TableSchema("txns", txns.schema().columns(),
                txns.schema().primaryKey(), txns.schema().timeColumn(), List.of()), txns.columns());
        Database changed = new Database(new Schema(List.of(original.table("customers").schema(), unlinked.schema())),
                List.of(original.table("customers"), unlinked));
        org.relgraph.schema.SchemaException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.relgraph.schema.SchemaException.class,
                () -> enc.bindChildActivity("customers", HeteroGraph.build(changed), changed));
        assertTrue(e.getMessage().contains("txns.customer_id"), e.getMessage());
    }
}
