package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.relgraph.gnn.encode.TestTables.ms;
import static org.relgraph.gnn.encode.TestTables.numeric;
import static org.relgraph.gnn.encode.TestTables.rows;
import static org.relgraph.gnn.encode.TestTables.table;
import static org.relgraph.gnn.encode.TestTables.timestamps;

import org.junit.jupiter.api.Test;
import org.relgraph.table.Table;

class TimestampEncodingTest {
    private static final float EPS = 1e-6f;

    @Test
    void calendarFeaturesOfAKnownDate() {
        // Friday 15 March 2024, 18:00 UTC.
        Table t = table("payments", "paid_at", timestamps("paid_at", "2024-03-15T18:00:00Z", "2024-03-16T00:00:00Z"));
        EncodedBatch b = TableEncoding.fit(t, ms("2030-01-01T00:00:00Z")).bind(t)
                .encode(new int[] {0}, ms("2024-03-25T18:00:00Z"));
        FeatureLayout layout = b.layout();
        float[] row = numeric(b)[0];

        assertEquals(Math.sin(2 * Math.PI * 2 / 12), row[layout.indexOf("paid_at", FeatureKind.MONTH_SIN)], EPS);
        assertEquals(0.5, row[layout.indexOf("paid_at", FeatureKind.MONTH_COS)], EPS);
        double friday = 2 * Math.PI * 4 / 7;
        assertEquals(Math.sin(friday), row[layout.indexOf("paid_at", FeatureKind.WEEKDAY_SIN)], EPS);
        assertEquals(Math.cos(friday), row[layout.indexOf("paid_at", FeatureKind.WEEKDAY_COS)], EPS);
        assertEquals(-1.0, row[layout.indexOf("paid_at", FeatureKind.HOUR_SIN)], EPS, "18:00 is 3/4 of a day");
        assertEquals(0.0, row[layout.indexOf("paid_at", FeatureKind.HOUR_COS)], EPS);
        assertEquals(Math.log1p(10), row[layout.indexOf("paid_at", FeatureKind.AGE)], EPS, "ten days old");
        assertEquals(0f, row[layout.indexOf("paid_at", FeatureKind.MISSING)]);
        assertEquals("paid_at month sin", layout.numeric().get(0).label());
    }

    @Test
    void weekdaysBeforeTheEpochAreRight() {
        assertEquals(3, TimestampEncoding.weekdayMondayZero(0), "1970-01-01 was a Thursday");
        assertEquals(2, TimestampEncoding.weekdayMondayZero(-1), "1969-12-31 was a Wednesday");
        assertEquals(0, TimestampEncoding.weekdayMondayZero(ms("1969-07-21T00:00:00Z") / 86_400_000L),
                "the Moon walk day was a Monday");
    }

    @Test
    void dateOnlyColumnsGetNoHourFeatures() {
        Table t = table("accounts", null, timestamps("opened", "2020-01-01T00:00:00Z", "2021-06-30T00:00:00Z"));
        FeatureLayout layout = TableEncoding.fit(t, 0).layout();
        assertEquals(6, layout.numericWidth(), "month, weekday (sin/cos each), age, missing");
        assertThrows(IllegalArgumentException.class, () -> layout.indexOf("opened", FeatureKind.HOUR_SIN));
    }

    @Test
    void ageDependsOnTheSeedTimeAndIsSignedForFutureDates() {
        Table t = table("loans", null, timestamps("due", "2024-01-11T00:00:00Z", null));
        RowEncoder enc = TableEncoding.fit(t, 0).bind(t);
        int age = enc.layout().indexOf("due", FeatureKind.AGE);
        int missing = enc.layout().indexOf("due", FeatureKind.MISSING);

        float[][] m = numeric(enc.encode(new int[] {0, 0, 1}, new long[] {
                ms("2024-01-01T00:00:00Z"), ms("2024-01-21T00:00:00Z"), ms("2024-01-21T00:00:00Z")}));
        assertEquals(-Math.log1p(10), m[0][age], EPS, "due ten days after the seed");
        assertEquals(Math.log1p(10), m[1][age], EPS);
        assertEquals(0f, m[2][age]);
        assertEquals(1f, m[2][missing]);
        assertEquals(0f, m[2][0], "a missing timestamp has no calendar features");
    }
}
