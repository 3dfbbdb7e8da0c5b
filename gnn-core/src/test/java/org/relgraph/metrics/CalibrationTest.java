package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    /** Labels drawn from a true probability p, and a model that reports p³: confident-low, miscalibrated. */
    private record Sample(double[] truth, double[] cubed, boolean[] labels) {
        static Sample draw(int n, long seed) {
            Random random = new Random(seed);
            double[] p = new double[n];
            double[] cubed = new double[n];
            boolean[] y = new boolean[n];
            for (int i = 0; i < n; i++) {
                p[i] = random.nextDouble();
                cubed[i] = p[i] * p[i] * p[i];
                y[i] = random.nextDouble() < p[i];
            }
            return new Sample(p, cubed, y);
        }
    }

    @Test
    void bothCalibrationsRepairCubedProbabilitiesOnHeldOutData() {
        Sample validation = Sample.draw(20_000, 1);
        Sample test = Sample.draw(20_000, 2);
        double raw = BinaryMetrics.logLoss(test.cubed(), test.labels());
        double oracle = BinaryMetrics.logLoss(test.truth(), test.labels()); // the best any calibration can do

        PlattScaling platt = PlattScaling.fitOnProbabilities(validation.cubed(), validation.labels());
        IsotonicCalibration isotonic = IsotonicCalibration.fit(validation.cubed(), validation.labels());
        double plattLoss = BinaryMetrics.logLoss(platt.apply(test.cubed()), test.labels());
        double isotonicLoss = BinaryMetrics.logLoss(isotonic.apply(test.cubed()), test.labels());

        // In expectation raw = 0.816 nats (numerical integral over p) and oracle = 0.5: a large gap to close.
        assertTrue(raw > oracle + 0.2, "raw " + raw + " oracle " + oracle);
        assertTrue(plattLoss < raw - 0.2, "platt " + plattLoss + " raw " + raw);
        assertTrue(isotonicLoss < oracle + 0.01, "isotonic " + isotonicLoss + " oracle " + oracle);
        // logit(p³) is not linear in logit(p), so Platt cannot be perfect, but it sharpens: slope below 1.
        assertTrue(platt.slope() < 1, platt.toString());
    }

    @Test
    void isotonicIsMonotoneEverywhere() {
        Sample s = Sample.draw(5_000, 3);
        IsotonicCalibration c = IsotonicCalibration.fit(s.cubed(), s.labels());
        double previous = -1;
        for (int i = -10; i <= 1010; i++) {
            double v = c.apply(i / 1000.0);
            assertTrue(v >= previous, "not monotone at " + i / 1000.0);
            previous = v;
        }
        double[] values = c.values();
        for (int i = 1; i < values.length; i++) {
            assertTrue(values[i] >= values[i - 1]);
        }
    }

    @Test
    void poolAdjacentViolatorsByHand() {
        // Rates 1, 0, 1, 1 by score 1..4: (1, 0) violate and pool to 0.5; (1, 1) pool as equal.
        IsotonicCalibration c = IsotonicCalibration.fit(new double[] {3, 1, 4, 2},
                new boolean[] {true, true, true, false});
        assertArrayEquals(new double[] {1, 2, 3, 4}, c.thresholds());
        assertArrayEquals(new double[] {0.5, 0.5, 1, 1}, c.values());
        assertEquals(0.75, c.apply(2.5), 1e-15, "interpolated between blocks");
        assertEquals(0.5, c.apply(-7), "clamped below");
        assertEquals(1.0, c.apply(9), "clamped above");

        // Tied scores pool first: score 1 has rate 1/2 (weight 2) and score 2 rate 0, which pools to 1/3.
        IsotonicCalibration tied = IsotonicCalibration.fit(new double[] {1, 1, 2},
                new boolean[] {true, false, false});
        assertArrayEquals(new double[] {1, 2}, tied.thresholds());
        assertEquals(1.0 / 3, tied.apply(1.5), 1e-15);
    }

    @Test
    void plattRecoversAKnownLogisticModelOnScores() {
        Random random = new Random(5);
        int n = 20_000;
        double[] x = new double[n];
        boolean[] y = new boolean[n];
        for (int i = 0; i < n; i++) {
            x[i] = 2 * random.nextGaussian();
            y[i] = random.nextDouble() < 1 / (1 + Math.exp(-(1.5 * x[i] - 0.5)));
        }
        PlattScaling p = PlattScaling.fitOnScores(x, y);
        // Standard errors at this n are about 0.02; 0.1 is five of them.
        assertEquals(1.5, p.slope(), 0.1);
        assertEquals(-0.5, p.intercept(), 0.1);
        assertEquals(1 / (1 + Math.exp(-(p.slope() * 0.3 + p.intercept()))), p.apply(0.3), 1e-15);
    }

    @Test
    void plattStaysFiniteOnSeparableLabels() {
        PlattScaling p = PlattScaling.fitOnScores(new double[] {-2, -1, 1, 2},
                new boolean[] {false, false, true, true});
        assertTrue(Double.isFinite(p.slope()) && p.slope() > 1, p.toString());
        assertTrue(p.apply(2) > 0.99 && p.apply(-2) < 0.01, p.toString());
        PlattScaling oneClass = PlattScaling.fitOnProbabilities(new double[] {0.2, 0.4}, new boolean[] {true, true});
        assertTrue(Double.isFinite(oneClass.intercept()), oneClass.toString());
    }

    @Test
    void bothSurviveAJsonRoundTrip() throws Exception {
        ObjectMapper json = new ObjectMapper();
        PlattScaling platt = new PlattScaling(PlattScaling.Input.PROBABILITY, 0.7, -0.25);
        assertEquals(platt, json.readValue(json.writeValueAsString(platt), PlattScaling.class));
        IsotonicCalibration isotonic = new IsotonicCalibration(new double[] {0.1, 0.5, 0.9},
                new double[] {0.0, 0.3, 0.3});
        IsotonicCalibration back = json.readValue(json.writeValueAsString(isotonic), IsotonicCalibration.class);
        assertEquals(isotonic, back);
        assertEquals(isotonic.apply(0.3), back.apply(0.3));
    }
}
