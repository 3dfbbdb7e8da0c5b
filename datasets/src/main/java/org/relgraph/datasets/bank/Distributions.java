package org.relgraph.datasets.bank;

import java.util.SplittableRandom;

/** The few distributions the simulator draws from, on a caller-owned generator so draws stay reproducible. */
final class Distributions {
    private Distributions() {
    }

    /** Knuth's multiplication method; exact and fast for the small means used here (a few per month). */
    static int poisson(SplittableRandom rng, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 50) {
            return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.nextGaussian()));
        }
        double limit = Math.exp(-mean);
        double product = rng.nextDouble();
        int n = 0;
        while (product > limit) {
            n++;
            product *= rng.nextDouble();
        }
        return n;
    }

    /** exp(N(ln median, sigma)): right-skewed, median {@code median}. */
    static double logNormal(SplittableRandom rng, double median, double sigma) {
        return median * Math.exp(sigma * rng.nextGaussian());
    }

    /** Index drawn with probability proportional to {@code weights[i]}; {@code total} is their sum. */
    static int categorical(SplittableRandom rng, double[] weights, double total) {
        double u = rng.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        // Rounding can leave u a hair above zero: fall back to the last non-zero weight.
        for (int i = weights.length - 1; i >= 0; i--) {
            if (weights[i] > 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("all weights are zero");
    }
}
