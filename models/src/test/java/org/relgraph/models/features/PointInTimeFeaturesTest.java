package org.relgraph.models.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.models.fixtures.ActivityBank.DAY;
import static org.relgraph.models.fixtures.ActivityBank.START;

import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

class PointInTimeFeaturesTest {
    private static final int ANCHOR_DAY = 200;
    private static final long ANCHOR = START + ANCHOR_DAY * DAY;

    /** Features of every customer at one anchor, with the spec fitted on the unchanged bank. */
    private static FeatureMatrix features(ActivityBank bank, FeatureSpec spec, TrainingTable examples) {
        try (PointInTimeFeatures features = new PointInTimeFeatures(bank.database())) {
            return features.build(spec, examples);
        }
    }

    private static FeatureSpec fit(Database db, FeatureOptions options, TrainingTable examples) {
        try (PointInTimeFeatures features = new PointInTimeFeatures(db)) {
            return features.fit("customers", options, examples);
        }
    }

    @Test
    void rowsAfterTheAnchorChangeNoFeature() {
        ActivityBank bank = ActivityBank.generate(40, 7);
        Database before = bank.database();
        TrainingTable examples = ActivityBank.examples(before, "train", ANCHOR_DAY);
        FeatureSpec spec = fit(before, FeatureOptions.defaults(), examples);
        FeatureMatrix expected = features(bank, spec, examples);

        int tx = bank.addTransaction(0, 2, ANCHOR + 1, 1e9, 3);
        bank.addDispute(tx, ANCHOR + 1, 0);
        bank.addDispute(bank.firstTransactionOf(0), ANCHOR + 1, 1);
        FeatureMatrix after = features(bank, spec, examples);

        assertEquals(expected.names(), after.names());
        assertArrayEquals(expected.values(), after.values());
    }

    @Test
    void aRowExactlyAtTheAnchorCounts() {
        ActivityBank bank = ActivityBank.generate(40, 7);
        Database before = bank.database();
        TrainingTable examples = ActivityBank.examples(before, "train", ANCHOR_DAY);
        FeatureSpec spec = fit(before, FeatureOptions.defaults(), examples);
        FeatureMatrix base = features(bank, spec, examples);

        int tx = bank.addTransaction(0, 2, ANCHOR, 1e9, 3);
        bank.addDispute(tx, ANCHOR, 0);
        FeatureMatrix after = features(bank, spec, examples);
        int row = rowOfCustomer(examples, 0);

        assertEquals(1e9f, after.get(row, after.indexOf("transactions.amount.max_all")));
        assertEquals(1e9f, after.get(row, after.indexOf("transactions.amount.last_all")));
        assertEquals(1e9f, after.get(row, after.indexOf("transactions.amount[channel=web].last_all")));
        assertEquals(base.get(row, base.indexOf("transactions.count_7d")) + 1,
                after.get(row, after.indexOf("transactions.count_7d")));
        assertEquals(0f, after.get(row, after.indexOf("transactions.days_since_last_all")));
        assertEquals(base.get(row, base.indexOf("transactions<disputes.count_7d")) + 1,
                after.get(row, after.indexOf("transactions<disputes.count_7d")));
        assertEquals(base.get(row, base.indexOf("transactions>products.kind=savings.count_7d")) + 1,
                after.get(row, after.indexOf("transactions>products.kind=savings.count_7d")));
    }

    @Test
    void theFeatureCutoffHidesRowsBeforeLaterAnchors() {
        ActivityBank bank = ActivityBank.generate(40, 7);
        Database before = bank.database();
        long cutoff = ANCHOR - 20 * DAY;
        TrainingTable examples = ActivityBank.examples(before, "test", ANCHOR_DAY);
        FeatureSpec spec = fit(before, FeatureOptions.defaults().withFeatureCutoff(cutoff), examples);
        FeatureMatrix expected = features(bank, spec, examples);

        bank.addTransaction(0, 2, cutoff + 1, 1e9, 3);
        FeatureMatrix after = features(bank, spec, examples);

        assertArrayEquals(expected.values(), after.values());
    }

    @Test
    void countsMatchADirectReading() {
        ActivityBank bank = ActivityBank.generate(30, 11);
        Database db = bank.database();
        TrainingTable examples = ActivityBank.examples(db, "train", 150, 250);
        FeatureMatrix m = features(bank, fit(db, FeatureOptions.defaults(), examples), examples);
        int count30 = m.indexOf("transactions.count_30d");
        long[] customer = ((org.relgraph.table.LongColumn) db.table("transactions").requireColumn("customer_id"))
                .values();
        long[] time = db.table("transactions").timeColumn().orElseThrow().values();
        for (int i = 0; i < examples.size(); i++) {
            long anchor = examples.anchorTime(i);
            int n = 0;
            for (int r = 0; r < time.length; r++) {
                if (customer[r] == examples.entityRow(i) && time[r] <= anchor && time[r] > anchor - 30 * DAY) {
                    n++;
                }
            }
            assertEquals(n, m.get(i, count30), "example " + i);
        }
    }

    @Test
    void entityColumnsOnlyHasNoAggregates() {
        ActivityBank bank = ActivityBank.generate(10, 3);
        Database db = bank.database();
        TrainingTable examples = ActivityBank.examples(db, "train", ANCHOR_DAY);
        FeatureMatrix m = features(bank, fit(db, FeatureOptions.entityColumnsOnly(), examples), examples);
        Set<String> names = m.names().stream().collect(Collectors.toSet());
        assertEquals(Set.of("customers.segment.code", "customers.age.value", "customers.vip.value"), names);
        assertTrue(m.columns().stream().allMatch(c -> c.hops() == 0));
    }

    private static int rowOfCustomer(TrainingTable examples, int customerRow) {
        for (int i = 0; i < examples.size(); i++) {
            if (examples.entityRow(i) == customerRow) {
                return i;
            }
        }
        throw new AssertionError("customer row " + customerRow + " has no example");
    }
}
