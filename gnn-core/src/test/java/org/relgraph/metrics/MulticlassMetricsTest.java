package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MulticlassMetricsTest {
    @Test
    void accuracyAndMacroF1ByHand() {
        int[] truth = {0, 0, 1, 1, 2, 2};
        int[] predicted = {0, 1, 1, 1, 0, 2};
        assertEquals(4.0 / 6, MulticlassMetrics.accuracy(truth, predicted), 1e-15);
        // Class 0: TP 1, FP 1, FN 1 -> 2/4. Class 1: TP 2, FP 1, FN 0 -> 4/5. Class 2: TP 1, FN 1 -> 2/3.
        // Mean (1/2 + 4/5 + 2/3) / 3 = 59/90.
        assertEquals(59.0 / 90, MulticlassMetrics.macroF1(truth, predicted), 1e-15);
    }

    @Test
    void classesAbsentFromTruthAndPredictionAreSkipped() {
        // Classes 1 and 2 never occur. Class 0: TP 2, FP 1 -> 4/5; class 3: TP 1, FN 1 -> 2/3.
        // Mean over the two present classes: 11/15 (averaging in two zeros would give 11/30).
        assertEquals(11.0 / 15, MulticlassMetrics.macroF1(new int[] {0, 0, 3, 3}, new int[] {0, 0, 3, 0}), 1e-15);
        // A class only ever predicted counts with F1 = 0: class 0 F1 = 2/3 (TP 1, FN 1), class 1 F1 = 0.
        assertEquals(1.0 / 3, MulticlassMetrics.macroF1(new int[] {0, 0}, new int[] {0, 1}), 1e-15);
    }

    @Test
    void logLossAndArgmax() {
        double[][] p = {{0.7, 0.2, 0.1}, {0.1, 0.3, 0.6}, {0.4, 0.4, 0.2}};
        int[] truth = {0, 2, 1};
        assertEquals(-(Math.log(0.7) + Math.log(0.6) + Math.log(0.4)) / 3, MulticlassMetrics.logLoss(truth, p),
                1e-15);
        assertArrayEquals(new int[] {0, 2, 0}, MulticlassMetrics.predictedClasses(p), "a tie goes to class 0");
        MetricReport r = MulticlassMetrics.report(truth, p);
        assertEquals(2.0 / 3, r.get("accuracy"), 1e-15);
        assertThrows(IllegalArgumentException.class,
                () -> MulticlassMetrics.logLoss(new int[] {0}, new double[][] {{0.5, 0.3}}));
    }
}
