package org.relgraph.metrics;

import java.util.Arrays;

/**
 * Isotonic calibration: the non-decreasing step function of the score that best fits the 0/1 labels in squared
 * error, found by pool-adjacent-violators. It assumes only that a higher score never means a lower probability, so
 * it can fix any monotone miscalibration, at the cost of needing more validation data than {@link PlattScaling}.
 *
 * <p>Stored as the corners of a piecewise-linear function: each pooled block contributes its lowest and highest
 * score, both at the block's positive rate. Within a block the function is flat; between blocks it is interpolated
 * linearly (a score the validation set never showed gets a probability between its neighbours', not a jump);
 * outside the fitted range it is clamped to the first or last value. The same function scikit-learn's
 * {@code IsotonicRegression(out_of_bounds="clip")} gives.
 *
 * @param thresholds scores, strictly increasing
 * @param values     the calibrated probability at each threshold, non-decreasing
 */
public record IsotonicCalibration(double[] thresholds, double[] values) implements ProbabilityCalibration {

    public IsotonicCalibration {
        if (thresholds == null || values == null || thresholds.length != values.length || thresholds.length == 0) {
            throw new IllegalArgumentException("thresholds and values must be non-empty and of equal length");
        }
        thresholds = thresholds.clone();
        values = values.clone();
        for (int i = 0; i < thresholds.length; i++) {
            if (!Double.isFinite(thresholds[i]) || !(values[i] >= 0 && values[i] <= 1)) {
                throw new IllegalArgumentException("invalid point " + thresholds[i] + " → " + values[i]);
            }
            if (i > 0 && (thresholds[i] <= thresholds[i - 1] || values[i] < values[i - 1])) {
                throw new IllegalArgumentException("points must increase: threshold " + thresholds[i]
                        + " → " + values[i] + " after " + thresholds[i - 1] + " → " + values[i - 1]);
            }
        }
    }

    /** Fits on validation scores (any real values, probabilities included) and their labels. */
    public static IsotonicCalibration fit(double[] scores, boolean[] labels) {
        RankedScores r = RankedScores.of(scores, labels);
        MetricInputs.requireNonEmpty(r.n, "scores");
        int groups = r.groups();
        // Blocks on a stack, ascending by score; a block starts as one group of equal scores.
        double[] low = new double[groups];
        double[] high = new double[groups];
        double[] positives = new double[groups];
        double[] weight = new double[groups];
        int top = -1;
        for (int g = groups - 1; g >= 0; g--) { // RankedScores is descending
            top++;
            low[top] = r.groupScore[g];
            high[top] = r.groupScore[g];
            positives[top] = r.groupPositives(g);
            weight[top] = r.groupSize(g);
            // Pool while the block below has a rate at least this one's (cross-multiplied: no rounding of rates).
            // Pooling equal rates too keeps the corner list minimal without changing the function.
            while (top > 0 && positives[top - 1] * weight[top] >= positives[top] * weight[top - 1]) {
                positives[top - 1] += positives[top];
                weight[top - 1] += weight[top];
                high[top - 1] = high[top];
                top--;
            }
        }
        double[] xs = new double[2 * (top + 1)];
        double[] ys = new double[2 * (top + 1)];
        int points = 0;
        for (int blk = 0; blk <= top; blk++) {
            double rate = positives[blk] / weight[blk];
            xs[points] = low[blk];
            ys[points++] = rate;
            if (high[blk] > low[blk]) {
                xs[points] = high[blk];
                ys[points++] = rate;
            }
        }
        return new IsotonicCalibration(Arrays.copyOf(xs, points), Arrays.copyOf(ys, points));
    }

    @Override
    public double apply(double output) {
        if (!Double.isFinite(output)) {
            throw new IllegalArgumentException("score is " + output);
        }
        int last = thresholds.length - 1;
        if (output <= thresholds[0]) {
            return values[0];
        }
        if (output >= thresholds[last]) {
            return values[last];
        }
        int i = Arrays.binarySearch(thresholds, output);
        if (i >= 0) {
            return values[i];
        }
        int right = -i - 1;
        int left = right - 1;
        double t = (output - thresholds[left]) / (thresholds[right] - thresholds[left]);
        return values[left] + t * (values[right] - values[left]);
    }

    @Override
    public double[] thresholds() {
        return thresholds.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IsotonicCalibration c && Arrays.equals(thresholds, c.thresholds)
                && Arrays.equals(values, c.values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(thresholds) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "IsotonicCalibration[thresholds=" + Arrays.toString(thresholds) + ", values="
                + Arrays.toString(values) + "]";
    }
}
