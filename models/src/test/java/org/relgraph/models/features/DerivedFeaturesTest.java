package org.relgraph.models.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.models.fixtures.ActivityBank.DAY;
import static org.relgraph.models.fixtures.ActivityBank.START;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.query.TrainingTable;

/**
 * The derived statistics on hand-made histories: each history holds a row after the anchor that would change the
 * value if it were read, so every value test is also a leakage test for its family.
 */
class DerivedFeaturesTest {
    private static final int ANCHOR_DAY = 200;
    private static final long ANCHOR = START + ANCHOR_DAY * DAY;
    private static final int APP = ActivityBank.CHANNELS.indexOf("app");
    private static final int WEB = ActivityBank.CHANNELS.indexOf("web");
    private static final FeatureOptions ALL = FeatureOptions.defaults().withWindows(List.of(30)).withMaxHops(1)
            .withDerived(new DerivedFeatures(List.of(3, 10), List.of(90), true));

    private static FeatureMatrix features(ActivityBank bank, FeatureOptions options) {
        TrainingTable examples = ActivityBank.examples(bank.database(), "train", ANCHOR_DAY);
        try (PointInTimeFeatures features = new PointInTimeFeatures(bank.database())) {
            FeatureSpec spec = features.fit("customers", options, examples);
            return features.build(spec, examples);
        }
    }

    /** Customer 0's amounts 10, 20, 60, 100 on days 10, 20, 30 and 40, and a huge one right after the anchor. */
    private static ActivityBank fourAmountsAndALateOne() {
        ActivityBank bank = ActivityBank.withoutActivity(2, 1);
        double[] amounts = {10, 20, 60, 100};
        for (int i = 0; i < amounts.length; i++) {
            bank.addTransaction(0, 0, START + (10 + 10 * i) * DAY, amounts[i], APP);
        }
        bank.addTransaction(0, 0, ANCHOR + 1, 1e6, APP);
        return bank;
    }

    private static float value(FeatureMatrix m, String column) {
        int c = m.indexOf(column);
        assertTrue(c >= 0, "no column " + column + " in " + m.names());
        return m.get(0, c);
    }

    @Test
    void theMeanOfTheLatestRowsAndItsTrendMatchAHandComputation() {
        FeatureMatrix m = features(fourAmountsAndALateOne(), ALL);

        // The latest three before the anchor: 20, 60, 100; all four average 47.5.
        assertEquals(60f, value(m, "transactions.amount.mean_last3rows_all"), 1e-4);
        assertEquals(12.5f, value(m, "transactions.amount.trend_last3rows_all"), 1e-4);
        // Fewer rows than k: the mean of those there are.
        assertEquals(47.5f, value(m, "transactions.amount.mean_last10rows_all"), 1e-4);
        assertEquals(0f, value(m, "transactions.amount.trend_last10rows_all"), 1e-4);
    }

    @Test
    void rowsTiedInTimeAreTakenByValueNotByRowOrder() {
        ActivityBank bank = ActivityBank.withoutActivity(2, 1);
        bank.addTransaction(0, 0, START + 10 * DAY, 5, APP);
        bank.addTransaction(0, 0, START + 20 * DAY, 7, APP);
        bank.addTransaction(0, 0, START + 20 * DAY, 1, APP);
        FeatureMatrix m = features(bank, ALL.withDerived(new DerivedFeatures(List.of(1), List.of(), false)));

        assertEquals(7f, value(m, "transactions.amount.mean_last1rows_all"));
    }

    @Test
    void theRecencyWeightedMeanMatchesAHandComputation() {
        FeatureMatrix m = features(fourAmountsAndALateOne(), ALL);

        double num = 0;
        double den = 0;
        double[] amounts = {10, 20, 60, 100};
        for (int i = 0; i < amounts.length; i++) {
            double ageDays = ANCHOR_DAY - (10 + 10 * i);
            double w = Math.pow(2, -ageDays / 90);
            num += amounts[i] * w;
            den += w;
        }
        assertEquals((float) (num / den), value(m, "transactions.amount.mean_halflife90d_all"), 1e-4);
    }

    @Test
    void sharesOfACategoryMatchAHandComputation() {
        ActivityBank bank = ActivityBank.withoutActivity(2, 1);
        bank.addTransaction(0, 0, START + 10 * DAY, 1, APP);
        bank.addTransaction(0, 0, START + 190 * DAY, 1, APP);
        bank.addTransaction(0, 0, START + 195 * DAY, 1, WEB);
        // Read, this would make app 3 of 4 rows, and 2 of 3 in the last 30 days.
        bank.addTransaction(0, 0, ANCHOR + DAY, 1, APP);
        FeatureMatrix m = features(bank, ALL);

        assertEquals(2f / 3, value(m, "transactions.channel=app.share_all"), 1e-6);
        assertEquals(1f / 2, value(m, "transactions.channel=app.share_30d"), 1e-6);
        assertEquals(1f / 3, value(m, "transactions.channel=web.share_all"), 1e-6);
        assertEquals(1f / 2, value(m, "transactions.channel=web.share_30d"), 1e-6);
        // Customer 1 has no rows: a share of nothing is missing, not 0.
        assertTrue(Float.isNaN(m.get(1, m.indexOf("transactions.channel=app.share_all"))));
    }

    @Test
    void noDerivedFeatureReadsARowAfterTheAnchor() {
        ActivityBank bank = ActivityBank.generate(30, 5);
        FeatureMatrix before = features(bank, FeatureOptions.defaults().withDerived(ALL.derived()));
        int tx = bank.addTransaction(0, 1, ANCHOR + 1, 1e9, WEB);
        bank.addDispute(tx, ANCHOR + 1, 0);
        FeatureMatrix after = features(bank, FeatureOptions.defaults().withDerived(ALL.derived()));

        assertTrue(after.names().stream().anyMatch(n -> n.contains("mean_last3rows")));
        assertTrue(after.names().stream().anyMatch(n -> n.contains("share_365d")));
        assertArrayEquals(before.values(), after.values());
    }

    @Test
    void derivedStatisticsStayOnTheEntitysOwnRows() {
        ActivityBank bank = fourAmountsAndALateOne();
        bank.addDispute(0, START + 15 * DAY, 0);
        FeatureMatrix m = features(bank, ALL.withMaxHops(2));

        assertFalse(m.names().stream().anyMatch(n -> n.startsWith("transactions>") && n.contains("rows_")));
        assertFalse(m.names().stream().anyMatch(n -> n.startsWith("transactions<") && n.contains("halflife")));
        assertFalse(m.names().stream().anyMatch(n -> n.startsWith("transactions>") && n.contains("share")));
        assertTrue(m.names().stream().anyMatch(n -> n.startsWith("transactions<disputes.reason") && n.contains("share")));
    }

    @Test
    void derivedOptionsSurviveSavingAndReading() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertEquals(ALL, json.readValue(json.writeValueAsString(ALL), FeatureOptions.class));
    }

    @Test
    void aSpecSavedBeforeDerivedFeaturesReadsAsNone() throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode saved = json.valueToTree(FeatureOptions.defaults());
        saved.remove("derived");

        FeatureOptions read = json.treeToValue(saved, FeatureOptions.class);

        assertTrue(read.derived().requestsNone());
        assertEquals(FeatureOptions.defaults(), read);
    }
}
