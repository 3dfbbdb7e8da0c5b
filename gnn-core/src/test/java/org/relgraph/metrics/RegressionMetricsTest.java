package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RegressionMetricsTest {
    @Test
    void errorsAndR2ByHand() {
        double[] truth = {1, 2, 3, 4};
        double[] predicted = {1, 3, 2, 6};
        // Errors 0, 1, −1, 2.
        assertEquals(1.0, RegressionMetrics.meanAbsoluteError(truth, predicted), 1e-15);
        assertEquals(Math.sqrt(6.0 / 4), RegressionMetrics.rootMeanSquaredError(truth, predicted), 1e-15);
        // SS_tot about the mean 2.5 is 2.25 + 0.25 + 0.25 + 2.25 = 5; SS_res = 6; R² = 1 − 6/5.
        assertEquals(-0.2, RegressionMetrics.r2(truth, predicted), 1e-15);
        assertEquals(1.0, RegressionMetrics.r2(truth, truth));
        assertEquals(0.0, RegressionMetrics.r2(truth, new double[] {2.5, 2.5, 2.5, 2.5}));
    }

    @Test
    void r2OfConstantTruthIsUndefined() {
        assertTrue(Double.isNaN(RegressionMetrics.r2(new double[] {3, 3}, new double[] {3, 4})));
        assertEquals("count  2\nmae    0.5000\nrmse   0.7071\nr2     n/a".replace("\n", System.lineSeparator()),
                RegressionMetrics.report(new double[] {3, 3}, new double[] {3, 4}).format());
    }
}
