package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RelativeTimeEncodingTest {
    private static final long DAY = 86_400_000L;

    @Test
    void theAgeFeatureGrowsWithAge() {
        long[] ages = {0, 1000, DAY / 2, DAY, 3 * DAY, 30 * DAY, 400 * DAY, 20 * 365 * DAY};
        float[][] m = RelativeTimeEncoding.encode(ages).toFloatMatrix();
        assertEquals(0f, m[0][0]);
        for (int i = 1; i < ages.length; i++) {
            assertTrue(m[i][0] > m[i - 1][0], "age feature must increase: " + ages[i - 1] + " ms -> " + ages[i] + " ms");
        }
        assertEquals(Math.log1p(30), m[5][0], 1e-6);
    }

    @Test
    void periodicFeaturesAndTheStaticFlag() {
        float[][] m = RelativeTimeEncoding.encode(new long[] {DAY / 4, 7 * DAY}).toFloatMatrix();
        assertEquals(RelativeTimeEncoding.WIDTH, m[0].length);
        int sin1d = RelativeTimeEncoding.featureNames().indexOf("age 1d-cycle sin");
        int cos7d = RelativeTimeEncoding.featureNames().indexOf("age 7d-cycle cos");
        assertEquals(1.0, m[0][sin1d], 1e-6, "a quarter day is a quarter turn");
        assertEquals(1.0, m[1][cos7d], 1e-6, "a week is a full weekly turn");
        assertEquals(0f, m[0][RelativeTimeEncoding.WIDTH - 1]);

        float[][] s = RelativeTimeEncoding.encodeStatic(2).toFloatMatrix();
        for (float[] row : s) {
            for (int k = 0; k < RelativeTimeEncoding.WIDTH - 1; k++) {
                assertEquals(0f, row[k]);
            }
            assertEquals(1f, row[RelativeTimeEncoding.WIDTH - 1]);
        }
    }

    @Test
    void aNodeLaterThanItsSeedIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RelativeTimeEncoding.encode(new long[] {5, -1}));
        assertTrue(e.getMessage().contains("node 1"), e.getMessage());
    }
}
