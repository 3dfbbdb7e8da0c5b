package org.relgraph.models.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.schema.SemanticType.ID;
import static org.relgraph.schema.SemanticType.TIMESTAMP;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The leakage audit masks a flat model's inputs on its feature matrix instead of recomputing every feature from a
 * masked copy of the data: that is only honest if the two are the same, value for value. Checked here for every
 * table (a child, a grandchild, a child's parent, a table linking customers to customers) and every entity column.
 */
class MaskedFeaturesTest {
    static Database db;
    static TrainingTable train;
    static TrainingTable val;
    static FeatureSpec spec;
    static FeatureMatrix unmasked;

    @BeforeAll
    static void bankWithReferrals() {
        db = withReferrals(ActivityBank.generate(400, 5).database(), 17);
        train = ActivityBank.examples(db, "train", 30, 90, 150);
        val = ActivityBank.examples(db, "val", 210, 270);
        try (PointInTimeFeatures features = new PointInTimeFeatures(db)) {
            // With the derived statistics too: the leakage audit masks them like every other aggregate.
            spec = features.fit("customers", FeatureOptions.defaults().withDerived(
                    new DerivedFeatures(java.util.List.of(3), java.util.List.of(90), true)), train);
            unmasked = features.build(spec, val);
        }
    }

    @Test
    void maskingATableOnTheMatrixEqualsComputingFeaturesWithTheTableEmpty() {
        for (String table : List.of("products", "transactions", "disputes", "referrals")) {
            FeatureMatrix expected;
            try (PointInTimeFeatures features = new PointInTimeFeatures(db.withEmptyTable(table))) {
                expected = features.build(spec, val);
            }
            FeatureMatrix masked = unmasked.masked(InputMask.rowsOf(table));
            assertEquals(expected.names(), masked.names());
            assertArrayEquals(expected.values(), masked.values(), "rows of " + table);
            assertFalse(Arrays.equals(unmasked.values(), masked.values()), table + " feeds some feature");
        }
    }

    @Test
    void maskingAnEntityColumnOnTheMatrixEqualsComputingFeaturesWithTheColumnNull() {
        for (String column : List.of("segment", "age", "vip")) {
            FeatureMatrix expected;
            try (PointInTimeFeatures features = new PointInTimeFeatures(db.withNullColumn("customers", column))) {
                expected = features.build(spec, val);
            }
            FeatureMatrix masked = unmasked.masked(InputMask.entityColumn(column));
            assertArrayEquals(expected.values(), masked.values(), "entity column " + column);
            assertFalse(Arrays.equals(unmasked.values(), masked.values()), column + " feeds some feature");
        }
    }

    @Test
    void theReferralsPathReadsTheReferredCustomersAgeSoMaskingAgeReachesIt() {
        // Not only the entity's own age: the ages of the customers it referred are aggregated too, and the masked
        // database hides those as well.
        FeatureMatrix masked = unmasked.masked(InputMask.entityColumn("age"));
        List<String> changed = new ArrayList<>();
        for (int c = 0; c < unmasked.columnCount(); c++) {
            for (int r = 0; r < unmasked.rows(); r++) {
                if (Float.compare(unmasked.get(r, c), masked.get(r, c)) != 0) {
                    changed.add(unmasked.columns().get(c).name());
                    break;
                }
            }
        }
        assertTrue(changed.contains("customers.age.value"), changed.toString());
        assertTrue(changed.stream().anyMatch(n -> n.startsWith("referrals>customers") && n.contains(".age.")),
                changed.toString());
        assertTrue(changed.stream().noneMatch(n -> n.startsWith("transactions")), changed.toString());
    }

    @Test
    void maskingNothingChangesNothing() {
        assertArrayEquals(unmasked.values(), unmasked.masked(InputMask.none()).values());
    }

    /** Adds {@code referrals}: a customer referring another, dated, so a path leads from customers back to customers. */
    static Database withReferrals(Database bank, long seed) {
        TableSchema referrals = new TableSchema("referrals", List.of(new ColumnSchema("referral_id", ID),
                new ColumnSchema("referrer_id", ID), new ColumnSchema("referred_id", ID),
                new ColumnSchema("ts", TIMESTAMP)), "referral_id", "ts",
                List.of(new ForeignKey("referrals", "referrer_id", "customers"),
                        new ForeignKey("referrals", "referred_id", "customers")));
        List<TableSchema> schemas = new ArrayList<>(bank.schema().tables());
        schemas.add(referrals);
        Schema schema = new Schema(schemas);
        int customers = bank.table("customers").rowCount();
        int n = customers / 2;
        Random random = new Random(seed);
        long[] id = new long[n];
        long[] from = new long[n];
        long[] to = new long[n];
        long[] ts = new long[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
            from[i] = random.nextInt(customers);
            to[i] = random.nextInt(customers);
            ts[i] = ActivityBank.START + random.nextInt(300) * ActivityBank.DAY;
        }
        List<Table> tables = new ArrayList<>();
        for (Table t : bank.tables()) {
            tables.add(new Table(schema.requireTable(t.name()), t.columns()));
        }
        tables.add(new Table(referrals, List.of(new LongColumn("referral_id", ID, id, new BitSet()),
                new LongColumn("referrer_id", ID, from, new BitSet()),
                new LongColumn("referred_id", ID, to, new BitSet()),
                new LongColumn("ts", TIMESTAMP, ts, new BitSet()))));
        return new Database(schema, tables);
    }
}
