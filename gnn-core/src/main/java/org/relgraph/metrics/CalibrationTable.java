package org.relgraph.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Predicted probability against observed positive rate, bin by bin: the table behind a reliability diagram.
 *
 * @param binning how the bins were cut
 * @param bins    the non-empty bins in ascending order of predicted probability; empty bins are left out
 */
public record CalibrationTable(Binning binning, List<Bin> bins) {

    /** How predictions are assigned to bins. */
    public enum Binning {
        /**
         * Quantile bins ("deciles" for ten): items sorted by probability and cut into bins of as equal count as
         * ties allow. The default, because on rare-event tasks nearly every prediction is small and equal-width
         * bins would put almost everything into the first bin and leave the rest too thin to read.
         */
        EQUAL_COUNT,
        /** Bins [0, 1/k), [1/k, 2/k), ..., [(k−1)/k, 1]: the textbook reliability diagram. */
        EQUAL_WIDTH
    }

    /**
     * @param lowest        the smallest predicted probability in the bin
     * @param highest       the largest predicted probability in the bin
     * @param count         the number of predictions in the bin
     * @param meanPredicted the mean predicted probability in the bin
     * @param observedRate  the fraction of the bin's labels that are positive
     */
    public record Bin(double lowest, double highest, long count, double meanPredicted, double observedRate) {
    }

    public CalibrationTable {
        bins = List.copyOf(bins);
    }

    /**
     * Cuts the predictions into at most {@code binCount} bins. Equal-count bins never split a group of equal
     * probabilities (a tie group goes whole to the bin its first member falls in), so bin counts differ a little
     * when ties cross a boundary, and heavily tied data gives fewer bins.
     */
    public static CalibrationTable of(double[] probabilities, boolean[] labels, int binCount, Binning binning) {
        BinaryMetrics.checkProbabilities(probabilities, labels);
        if (binCount < 1) {
            throw new IllegalArgumentException("binCount must be at least 1, got " + binCount);
        }
        int n = probabilities.length;
        int[] binOf = new int[n];
        if (binning == Binning.EQUAL_WIDTH) {
            for (int i = 0; i < n; i++) {
                binOf[i] = Math.min(binCount - 1, (int) Math.floor(probabilities[i] * binCount));
            }
        } else {
            int[] descending = RankedScores.descendingOrder(probabilities);
            int groupStart = 0;
            // Walk from the lowest probability up, so bin 0 is the lowest decile.
            for (int a = 0; a < n; a++) {
                int item = descending[n - 1 - a];
                if (a > 0 && probabilities[item] != probabilities[descending[n - a]]) {
                    groupStart = a;
                }
                binOf[item] = (int) ((long) groupStart * binCount / n);
            }
        }
        long[] count = new long[binCount];
        long[] positives = new long[binCount];
        double[] sum = new double[binCount];
        double[] lowest = new double[binCount];
        double[] highest = new double[binCount];
        Arrays.fill(lowest, Double.POSITIVE_INFINITY);
        Arrays.fill(highest, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            int b = binOf[i];
            count[b]++;
            positives[b] += labels[i] ? 1 : 0;
            sum[b] += probabilities[i];
            lowest[b] = Math.min(lowest[b], probabilities[i]);
            highest[b] = Math.max(highest[b], probabilities[i]);
        }
        List<Bin> bins = new ArrayList<>();
        for (int b = 0; b < binCount; b++) {
            if (count[b] > 0) {
                bins.add(new Bin(lowest[b], highest[b], count[b], sum[b] / count[b], (double) positives[b] / count[b]));
            }
        }
        return new CalibrationTable(binning, bins);
    }

    public long count() {
        long total = 0;
        for (Bin b : bins) {
            total += b.count();
        }
        return total;
    }

    /**
     * Expected calibration error: Σ_b (n_b / n) · |mean predicted_b − observed rate_b|, the count-weighted mean gap
     * between what the model promised and what happened. 0 for a perfectly calibrated model at this resolution; it
     * depends on the binning, so compare ECEs only across tables cut the same way.
     */
    public double expectedCalibrationError() {
        double total = count();
        double ece = 0;
        for (Bin b : bins) {
            ece += b.count() / total * Math.abs(b.meanPredicted() - b.observedRate());
        }
        return ece;
    }

    /** One line per bin, for the terminal. */
    public String format() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-17s %8s %14s %13s%n", "probability", "count",
                "mean predicted", "observed rate"));
        for (Bin b : bins) {
            s.append(String.format(Locale.ROOT, "%.4f-%.4f   %8d %14.4f %13.4f%n", b.lowest(), b.highest(), b.count(),
                    b.meanPredicted(), b.observedRate()));
        }
        return s.toString();
    }
}
