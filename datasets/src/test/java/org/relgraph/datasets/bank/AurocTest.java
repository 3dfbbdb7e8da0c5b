package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AurocTest {
    @Test
    void realisedAurocCountsPairsWonWithTiesAsHalf() {
        assertEquals(0.75, Auroc.of(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {false, false, true, true}));
        assertEquals(1.0, Auroc.of(new double[] {0.1, 0.2, 0.9}, new boolean[] {false, false, true}));
        assertEquals(0.0, Auroc.of(new double[] {0.9, 0.2, 0.1}, new boolean[] {false, false, true}));
        assertEquals(0.5, Auroc.of(new double[] {0.3, 0.3, 0.3, 0.3}, new boolean[] {true, false, true, false}));
        assertTrue(Double.isNaN(Auroc.of(new double[] {0.1, 0.2}, new boolean[] {true, true})));
    }

    @Test
    void expectedAurocOfCertainLabelsIsTheRealisedOne() {
        assertEquals(1.0, Auroc.expected(new double[] {0, 0, 1, 1}), 1e-12);
        assertEquals(0.5, Auroc.expected(new double[] {0.2, 0.2, 0.2}), 1e-12);
    }

    @Test
    void expectedAurocIsTheAverageOverDrawnLabels() {
        SplittableRandom rng = new SplittableRandom(1);
        double[] p = new double[3000];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.pow(rng.nextDouble(), 3);
        }
        double sum = 0;
        int draws = 200;
        for (int d = 0; d < draws; d++) {
            boolean[] y = new boolean[p.length];
            for (int i = 0; i < p.length; i++) {
                y[i] = rng.nextDouble() < p[i];
            }
            sum += Auroc.of(p, y);
        }
        assertEquals(sum / draws, Auroc.expected(p), 0.003);
    }
}
