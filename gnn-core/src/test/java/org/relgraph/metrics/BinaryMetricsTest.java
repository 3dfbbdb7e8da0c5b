package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BinaryMetricsTest {

    /** The Mann–Whitney definition taken literally: over all positive–negative pairs, wins plus half the ties. */
    private static double naiveAuroc(double[] scores, boolean[] labels) {
        double won = 0;
        long pairs = 0;
        for (int i = 0; i < scores.length; i++) {
            for (int j = 0; j < scores.length; j++) {
                if (labels[i] && !labels[j]) {
                    pairs++;
                    won += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
        }
        return won / pairs;
    }

    @Test
    void aurocWithTiesEqualsPairCounting() {
        double[] scores = {0.1, 0.4, 0.35, 0.8, 0.4, 0.4, 0.1, 0.9};
        boolean[] labels = {false, true, true, true, false, true, true, false};
        assertEquals(naiveAuroc(scores, labels), BinaryMetrics.auroc(scores, labels), 1e-15);
        // By hand: positives 0.4, 0.35, 0.8, 0.4, 0.1 against negatives 0.1, 0.4, 0.9.
        // 0.4: beats 0.1, ties 0.4 -> 1.5 (twice); 0.35: 1; 0.8: 2; 0.1: ties 0.1 -> 0.5. Total 6.5 of 15 pairs.
        assertEquals(6.5 / 15, BinaryMetrics.auroc(scores, labels), 1e-15);

        Random random = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int n = 2 + random.nextInt(60);
            double[] s = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(5) / 4.0; // five distinct values: ties everywhere
                y[i] = i == 0 || (i != 1 && random.nextBoolean()); // both classes present
            }
            assertEquals(naiveAuroc(s, y), BinaryMetrics.auroc(s, y), 1e-12);
        }
    }

    @Test
    void perfectReversedConstantAndOneClassScores() {
        boolean[] labels = {false, false, true, true};
        assertEquals(1.0, BinaryMetrics.auroc(new double[] {0.1, 0.2, 0.3, 0.4}, labels));
        assertEquals(0.0, BinaryMetrics.auroc(new double[] {0.4, 0.3, 0.2, 0.1}, labels));
        assertEquals(0.5, BinaryMetrics.auroc(new double[] {0.5, 0.5, 0.5, 0.5}, labels));
        assertTrue(Double.isNaN(BinaryMetrics.auroc(new double[] {0.1, 0.2}, new boolean[] {true, true})));
        assertEquals(1.0, BinaryMetrics.averagePrecision(new double[] {0.1, 0.2, 0.3, 0.4}, labels));
    }

    @Test
    void randomScoresOnAHundredThousandPointsGiveHalf() {
        Random random = new Random(42);
        int n = 100_000;
        double[] scores = new double[n];
        boolean[] labels = new boolean[n];
        for (int i = 0; i < n; i++) {
            scores[i] = random.nextDouble();
            labels[i] = random.nextDouble() < 0.3;
        }
        // The standard error of AUROC here is about sqrt(1/(12·n·0.3·0.7)) ≈ 0.002.
        assertEquals(0.5, BinaryMetrics.auroc(scores, labels), 0.01);
    }

    @Test
    void averagePrecisionIsTheStepSumOverThresholds() {
        // Descending: 0.9(+) P=1/1 R=1/3; 0.8(-); 0.7(+) P=2/3 R=2/3; 0.6(-); 0.5(+) P=3/5 R=1.
        // AP = 1/3·(1 + 2/3 + 3/5) = 34/45.
        assertEquals(34.0 / 45, BinaryMetrics.averagePrecision(new double[] {0.9, 0.8, 0.7, 0.6, 0.5},
                new boolean[] {true, false, true, false, true}), 1e-15);
        // scikit-learn's documented example: 0.8(+) P=1 R=1/2; 0.4(-); 0.35(+) P=2/3 R=1 -> 1/2 + 1/3 = 0.8333.
        assertEquals(0.5 + 1.0 / 3, BinaryMetrics.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8},
                new boolean[] {false, false, true, true}), 1e-15);
        // A tie enters whole: 0.9(+) P=1 R=1/3; {0.5+, 0.5-} P=2/3 R=2/3; 0.1(+) P=3/4 R=1.
        // AP = 1/3·(1 + 2/3 + 3/4) = 29/36, not what either order of the tie alone would give.
        assertEquals(29.0 / 36, BinaryMetrics.averagePrecision(new double[] {0.9, 0.5, 0.5, 0.1},
                new boolean[] {true, true, false, true}), 1e-15);
        assertTrue(Double.isNaN(BinaryMetrics.averagePrecision(new double[] {0.3}, new boolean[] {false})));
    }

    @Test
    void logLossAndBrierByHand() {
        double[] p = {0.8, 0.3};
        boolean[] y = {true, false};
        assertEquals(-(Math.log(0.8) + Math.log(0.7)) / 2, BinaryMetrics.logLoss(p, y), 1e-15);
        // ((0.8 − 1)² + 0.3²) / 2 = (0.04 + 0.09) / 2.
        assertEquals(0.065, BinaryMetrics.brierScore(p, y), 1e-15);
        // A certain mistake is clipped to −ln(1e-15), not infinity.
        assertEquals(-Math.log(1e-15), BinaryMetrics.logLoss(new double[] {0.0}, new boolean[] {true}), 1e-9);
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.logLoss(new double[] {1.2}, new boolean[] {true}));
        assertThrows(IllegalArgumentException.class,
                () -> BinaryMetrics.auroc(new double[] {Double.NaN, 1}, new boolean[] {true, false}));
    }

    @Test
    void reportListsTheMetricsInOrder() {
        double[] p = {0.1, 0.4, 0.35, 0.8};
        boolean[] y = {false, false, true, true};
        MetricReport r = BinaryMetrics.report(p, y);
        assertEquals(java.util.List.of("count", "positives", "positive_rate", "auroc", "average_precision",
                "log_loss", "brier", "ece"), r.names());
        assertEquals(0.75, r.get("auroc"), 1e-15);
        assertEquals(BinaryMetrics.brierScore(p, y), r.get("brier"));
    }
}
