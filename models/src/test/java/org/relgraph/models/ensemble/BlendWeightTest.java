package org.relgraph.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relgraph.gnn.train.ValidationMetric;

class BlendWeightTest {
    @Test
    void theXgboostWeightIsTheGridValueNotAFloatingPointRemainder() {
        for (int s = 0; s <= BlendWeight.STEPS; s++) {
            BlendWeight w = new BlendWeight((double) s / BlendWeight.STEPS, ValidationMetric.AUROC, 0.5);
            double expected = (double) (BlendWeight.STEPS - s) / BlendWeight.STEPS;
            assertEquals(expected, w.xgbWeight(), 0.0, "step " + s);
            // what the bundle's JSON shows: 0.3, not 0.30000000000000004
            assertTrue(Double.toString(w.xgbWeight()).length() <= 4, Double.toString(w.xgbWeight()));
        }
    }

    @Test
    void theBlendUsesTheStoredWeights() {
        double[] gnn = {0.2, 0.9};
        double[] xgb = {0.6, 0.1};
        double w = 0.7;
        double v = new BlendWeight(w, ValidationMetric.AUROC, 0.5).xgbWeight();
        assertArrayEquals(new double[] {w * 0.2 + v * 0.6, w * 0.9 + v * 0.1}, BlendWeight.blend(gnn, xgb, w), 0.0);
    }
}
