package org.relgraph.metrics;

/**
 * Argument checks shared by the metric classes. A metric silently computed on misaligned or out-of-range inputs is
 * a wrong number in a report that nobody questions, so every public entry point fails loudly instead.
 */
final class MetricInputs {
    private MetricInputs() {
    }

    static void requireSameLength(int a, int b, String what) {
        if (a != b) {
            throw new IllegalArgumentException(what + " differ in length: " + a + " vs " + b);
        }
    }

    static void requireNonEmpty(int n, String what) {
        if (n == 0) {
            throw new IllegalArgumentException(what + " are empty");
        }
    }

    /** NaN would sort arbitrarily and poison every sum, so it is refused rather than skipped. */
    static void requireFinite(double[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + "[" + i + "] is " + values[i]);
            }
        }
    }

    static void requireProbabilities(double[] p, String what) {
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + p[i] + " is not a probability");
            }
        }
    }
}
