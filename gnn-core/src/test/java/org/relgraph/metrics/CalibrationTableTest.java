package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.metrics.CalibrationTable.Bin;
import org.relgraph.metrics.CalibrationTable.Binning;

class CalibrationTableTest {

    @Test
    void twoEqualCountBinsAndTheirExpectedCalibrationError() {
        double[] p = {0.9, 0.1, 0.7, 0.2};
        boolean[] y = {true, false, true, true};
        CalibrationTable t = CalibrationTable.of(p, y, 2, Binning.EQUAL_COUNT);
        // Low half {0.1−, 0.2+}: mean 0.15, rate 0.5. High half {0.7+, 0.9+}: mean 0.8, rate 1.
        assertEquals(2, t.bins().size());
        assertBin(t.bins().get(0), 0.1, 0.2, 2, 0.15, 0.5);
        assertBin(t.bins().get(1), 0.7, 0.9, 2, 0.8, 1.0);
        // ECE = 2/4·|0.15 − 0.5| + 2/4·|0.8 − 1| = 0.175 + 0.1.
        assertEquals(0.275, t.expectedCalibrationError(), 1e-15);
        assertEquals(String.join(System.lineSeparator(),
                "probability          count mean predicted observed rate",
                "0.1000-0.2000          2         0.1500        0.5000",
                "0.7000-0.9000          2         0.8000        1.0000", ""), t.format());
    }

    private static void assertBin(Bin bin, double lowest, double highest, long count, double mean, double rate) {
        assertEquals(lowest, bin.lowest());
        assertEquals(highest, bin.highest());
        assertEquals(count, bin.count());
        assertEquals(mean, bin.meanPredicted(), 1e-15);
        assertEquals(rate, bin.observedRate(), 1e-15);
    }

    @Test
    void decilesOfTwentyPredictionsHoldTwoEach() {
        double[] p = new double[20];
        boolean[] y = new boolean[20];
        for (int i = 0; i < 20; i++) {
            p[19 - i] = (i + 0.5) / 20; // given in descending order, so the table must sort
            y[19 - i] = i % 2 == 0;
        }
        CalibrationTable t = BinaryMetrics.calibrationTable(p, y);
        assertEquals(10, t.bins().size());
        for (int b = 0; b < 10; b++) {
            Bin bin = t.bins().get(b);
            assertEquals(2, bin.count());
            // Bin b holds (2b + 0.5)/20 (positive) and (2b + 1.5)/20 (negative).
            assertEquals((2 * b + 1.0) / 20, bin.meanPredicted(), 1e-12);
            assertEquals(0.5, bin.observedRate());
        }
        assertEquals(20, t.count());
    }

    @Test
    void tiesStayInOneBinAndEqualWidthUsesFixedEdges() {
        double[] p = {0.2, 0.2, 0.2, 0.8};
        boolean[] y = {false, true, false, true};
        CalibrationTable counted = CalibrationTable.of(p, y, 2, Binning.EQUAL_COUNT);
        assertEquals(List.of(3L, 1L), counted.bins().stream().map(Bin::count).toList());

        double[] q = {0.05, 0.5, 0.55, 1.0};
        CalibrationTable width = CalibrationTable.of(q, y, 2, Binning.EQUAL_WIDTH);
        // [0, 0.5) holds 0.05; [0.5, 1] holds 0.5, 0.55 and 1.0 (1.0 is in the last bin, not an 11th).
        assertEquals(List.of(1L, 3L), width.bins().stream().map(Bin::count).toList());
        assertEquals((0.5 + 0.55 + 1.0) / 3, width.bins().get(1).meanPredicted(), 1e-15);
        assertEquals(2.0 / 3, width.bins().get(1).observedRate(), 1e-15);
    }
}
