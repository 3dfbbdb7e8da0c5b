package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.encode.ChildActivityFeaturesTest.DAY;
import static org.relgraph.gnn.encode.ChildActivityFeaturesTest.SEED;
import static org.relgraph.gnn.encode.ChildActivityFeaturesTest.at;
import static org.relgraph.gnn.encode.ChildActivityFeaturesTest.features;
import static org.relgraph.gnn.encode.TestTables.categorical;
import static org.relgraph.gnn.encode.TestTables.ids;
import static org.relgraph.gnn.encode.TestTables.numerical;
import static org.relgraph.gnn.encode.TestTables.table;
import static org.relgraph.gnn.encode.TestTables.timestamps;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/** The child summaries' windowed sums and means ({@code --extended-child-summaries}): values, leakage, order, JSON. */
class ChildActivityWindowSumsTest {
    /**
     * Customer 0's withdrawals and credits: credit 1000 (100 d before the seed, outside 90 days), withdrawal 200
     * (60 d), credit 300 (20 d), withdrawal with no amount (10 d), withdrawal 50 (5 d); after the seed a withdrawal
     * of 99,999 (1 d later). Customer 1 has nothing.
     */
    static Database db() {
        Table customers = table("customers", "customer_id", null, List.of(), ids("customer_id", 0, 1),
                numerical("age", 30.0, 40.0));
        Table txns = table("txns", "txn_id", "ts", List.of(new ForeignKey("txns", "customer_id", "customers")),
                ids("txn_id", 0, 1, 2, 3, 4, 5), ids("customer_id", 0, 0, 0, 0, 0, 0),
                categorical("kind", "credit", "withdrawal", "credit", "withdrawal", "withdrawal", "withdrawal"),
                numerical("amount", 1000.0, 200.0, 300.0, null, 50.0, 99_999.0),
                timestamps("ts", at(-100), at(-60), at(-20), at(-10), at(-5), at(1)));
        return new Database(new Schema(List.of(customers.schema(), txns.schema())), List.of(customers, txns));
    }

    static EncodingConfig extended() {
        return ChildActivityFeaturesTest.config().withActivityWindowSums(true);
    }

    /** The sum feature of raw sum {@code x}: in units of the amount column's typical magnitude, log scale. */
    static float sum(DatabaseEncoding enc, double x) {
        double u = ChildActivityFeatures.typicalMagnitude(amountScaling(enc));
        return (float) Math.copySign(Math.log1p(Math.abs(x) / u), x);
    }

    static NumericalEncoding amountScaling(DatabaseEncoding enc) {
        return (NumericalEncoding) enc.table("txns").columns().stream().filter(c -> c.column().equals("amount"))
                .findFirst().orElseThrow();
    }

    @Test
    void sumsAndMeansOfTheChildrenInTheWindowsFollowTheDefaultFeatures() {
        Database db = db();
        DatabaseEncoding plain = DatabaseEncoding.fit(db, SEED + 10 * DAY, ChildActivityFeaturesTest.config());
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED + 10 * DAY, extended());
        ChildActivityEncoding summary = enc.childActivity("customers").get(0);
        assertTrue(summary.windowSums());
        assertEquals(List.of("amount"), summary.measures());
        // vocabulary: withdrawal (4 rows) before credit (2)
        assertEquals(List.of("withdrawal", "credit"), summary.breakdowns().get(0).values());
        float[] defaults = features(db, plain, 0, SEED);
        float[] all = features(db, enc, 0, SEED);
        int w = defaults.length;
        assertEquals(w + 3 + 2 * 2, all.length);
        assertEquals(all.length, enc.childActivityWidth("customers"));
        assertArrayEquals(defaults, Arrays.copyOf(all, w), 0f, "the default features, unchanged and first");
        NumericalEncoding scaling = amountScaling(enc);
        // fitted on 50, 200, 300, 1000, 99,999 (too few values for a skewness above 2: not log-transformed); the
        // sums' unit is the larger of |median| 300 and the spread IQR / 1.349 = (1000 - 200) / 1.349
        assertFalse(scaling.logTransform());
        assertEquals(800 / 1.349, ChildActivityFeatures.typicalMagnitude(scaling), 1e-9);
        float[] expected = {
            sum(enc, 300 + 50), sum(enc, 200 + 300 + 50), (float) scaling.scaled(550 / 3.0), // all, 30/90 d
            sum(enc, 200 + 50), (float) scaling.scaled(250 / 2.0),  // withdrawals in 90 days (the null skipped)
            sum(enc, 300), (float) scaling.scaled(300.0),           // credits in 90 days (1000 is 100 d old)
        };
        assertArrayEquals(expected, Arrays.copyOfRange(all, w, all.length), 1e-6f);
        assertArrayEquals(new float[all.length], features(db, enc, 1, SEED), 0f, "no children: all 0");
    }

    @Test
    void aChildNewerThanTheSeedTimeIsNeverSummed() {
        Database db = db();
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED + 10 * DAY, extended());
        int w = enc.childActivityWidth("customers") - 7;
        // the 99,999 withdrawal one day after the seed is not in any sum until its own time
        float[] justBefore = features(db, enc, 0, SEED + DAY - 1);
        assertEquals(sum(enc, 350), justBefore[w], 1e-6f);
        assertEquals(sum(enc, 250), justBefore[w + 3], 1e-6f);
        float[] atItsTime = features(db, enc, 0, SEED + DAY);
        assertEquals(sum(enc, 350 + 99_999), atItsTime[w], 1e-6f);
        assertEquals(sum(enc, 250 + 99_999), atItsTime[w + 3], 1e-6f);
        // the windows end at the seed time: 90 days back includes the row exactly 90 days old, not one older
        float[] tenDaysBefore = features(db, enc, 0, SEED - 10 * DAY);   // 1000 is 90 d old, 200 is 50 d
        assertEquals(sum(enc, 1000 + 200 + 300), tenDaysBefore[w + 1], 1e-6f);
        float[] aMsLater = features(db, enc, 0, SEED - 10 * DAY + 1);
        assertEquals(sum(enc, 200 + 300), aMsLater[w + 1], 1e-6f);
    }

    @Test
    void aSumsUnitIsTheColumnsTypicalMagnitudeInRawUnits() {
        // log-transformed: the median of log1p(x) back in raw units
        assertEquals(250, ChildActivityFeatures.typicalMagnitude(
                new NumericalEncoding("amount", true, Math.log1p(250), 0.8, 5.0, 10)), 1e-9);
        // otherwise |median|, or the spread when larger (balances around 0), or 1 for a column of zeros
        assertEquals(3, ChildActivityFeatures.typicalMagnitude(new NumericalEncoding("x", false, -3, 1, 5.0, 10)), 0);
        assertEquals(7, ChildActivityFeatures.typicalMagnitude(new NumericalEncoding("x", false, 2, 7, 5.0, 10)), 0);
        assertEquals(1, ChildActivityFeatures.typicalMagnitude(new NumericalEncoding("x", true, 0, 1, 5.0, 10)), 0);
    }

    @Test
    void featuresNameEachInputInWriteOrder() {
        DatabaseEncoding enc = DatabaseEncoding.fit(db(), SEED, extended());
        ChildActivityEncoding summary = enc.childActivity("customers").get(0);
        List<ChildActivityEncoding.Feature> features = summary.features();
        assertEquals(summary.width(), features.size());
        int w = features.size() - 7;
        assertEquals(ChildActivityEncoding.Statistic.SUM_RECENT, features.get(w).statistic());
        assertEquals("amount", features.get(w).measure());
        assertEquals(ChildActivityEncoding.Statistic.MEAN_WINDOW, features.get(w + 2).statistic());
        ChildActivityEncoding.Feature credits = features.get(w + 5);
        assertEquals(ChildActivityEncoding.Statistic.SUM_WINDOW, credits.statistic());
        assertEquals("credit", credits.value());
        assertEquals(summary.withWindowSums(false).features(), features.subList(0, w));
    }

    @Test
    void theChoiceSurvivesTheBundleAndADefaultEncodingsJsonDoesNotMentionIt() {
        Database db = db();
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED, extended());
        DatabaseEncoding back = EncodingJson.fromJson(EncodingJson.toJson(enc));
        assertEquals(enc.childActivity(), back.childActivity());
        assertTrue(back.childActivity().get(0).windowSums());
        assertArrayEquals(features(db, enc, 0, SEED), features(db, back, 0, SEED), 0f);
        String plain = EncodingJson.toJson(DatabaseEncoding.fit(db, SEED, ChildActivityFeaturesTest.config()));
        assertFalse(plain.contains("windowSums"), "a default bundle's encoding.json is as before");
        assertFalse(EncodingJson.fromJson(plain).childActivity().get(0).windowSums());
    }
}
