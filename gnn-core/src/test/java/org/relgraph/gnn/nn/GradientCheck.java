package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.DoubleSupplier;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Central finite differences against hand-written gradients, in double precision.
 *
 * <p>Relative error per entry is |analytic - numeric| / max(|analytic|, |numeric|, FLOOR); the
 * floor keeps entries whose true gradient is ~0 (e.g. GELU far in its negative tail) from dividing
 * rounding noise by ~0.
 */
public final class GradientCheck {
    public static final double TOLERANCE = 1e-5;
    private static final double STEP = 1e-5;
    /** FD rounding noise is ~1e-10 absolute at this step; below the floor the check is effectively |a - n| < 1e-9. */
    private static final double FLOOR = 1e-4;

    private final DoubleSupplier objective;
    private final SplittableRandom rng;
    private final int maxEntriesPerArray;
    private double worst;

    /** @param objective recomputes the scalar loss from the current values of the checked arrays */
    public GradientCheck(DoubleSupplier objective, long seed, int maxEntriesPerArray) {
        this.objective = objective;
        this.rng = new SplittableRandom(seed);
        this.maxEntriesPerArray = maxEntriesPerArray;
    }

    /** Checks (a random subset of) entries of {@code value} against {@code analytic}; returns the worst relative error. */
    public double check(String what, INDArray value, INDArray analytic) {
        assertTrue(value.dataType() == DataType.DOUBLE, what + " must be DOUBLE for a gradient check");
        long n = value.length();
        INDArray flatValue = value.reshape(n);
        INDArray flatGrad = analytic.reshape(n);
        double worstHere = 0;
        int entries = (int) Math.min(n, maxEntriesPerArray);
        for (int e = 0; e < entries; e++) {
            long i = entries == n ? e : rng.nextLong(n);
            double orig = flatValue.getDouble(i);
            flatValue.putScalar(i, orig + STEP);
            double up = objective.getAsDouble();
            flatValue.putScalar(i, orig - STEP);
            double down = objective.getAsDouble();
            flatValue.putScalar(i, orig);
            double numeric = (up - down) / (2 * STEP);
            double a = flatGrad.getDouble(i);
            double rel = Math.abs(a - numeric) / Math.max(FLOOR, Math.max(Math.abs(a), Math.abs(numeric)));
            assertTrue(rel < TOLERANCE, what + "[" + i + "]: analytic " + a + " vs numeric " + numeric + " (rel " + rel + ")");
            worstHere = Math.max(worstHere, rel);
        }
        worst = Math.max(worst, worstHere);
        return worstHere;
    }

    public double worst() {
        return worst;
    }

    /** Σ out ⊙ weights: a scalar whose gradient w.r.t. out is {@code weights}, so any output direction gets tested. */
    public static double project(INDArray out, INDArray weights) {
        return out.mul(weights).sumNumber().doubleValue();
    }

    public static INDArray randn(SplittableRandom rng, long... shape) {
        long n = 1;
        for (long s : shape) {
            n *= s;
        }
        double[] v = new double[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = WeightInit.gaussian(rng);
        }
        return Nd4j.create(v, shape, DataType.DOUBLE);
    }
}
