package org.relgraph.metrics;

/**
 * Metrics of a one-of-many classifier. Classes are indices 0, 1, 2, ...; probabilities are one row per example and
 * one column per class.
 */
public final class MulticlassMetrics {
    private MulticlassMetrics() {
    }

    public static double accuracy(int[] truth, int[] predicted) {
        checkLabels(truth, predicted);
        long correct = 0;
        for (int i = 0; i < truth.length; i++) {
            correct += truth[i] == predicted[i] ? 1 : 0;
        }
        return (double) correct / truth.length;
    }

    /**
     * The unweighted mean over classes of F1 = 2·TP / (2·TP + FP + FN). A class that appears neither in the truth
     * nor among the predictions is skipped: its F1 is 0/0, and counting it as 0 would punish a model for a class
     * that this evaluation set simply does not contain (scikit-learn does the same by default). A class that is
     * predicted but never true, or true but never predicted, counts with F1 = 0.
     */
    public static double macroF1(int[] truth, int[] predicted) {
        checkLabels(truth, predicted);
        int classes = 1 + Math.max(max(truth), max(predicted));
        long[] tp = new long[classes];
        long[] fp = new long[classes];
        long[] fn = new long[classes];
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == predicted[i]) {
                tp[truth[i]]++;
            } else {
                fp[predicted[i]]++;
                fn[truth[i]]++;
            }
        }
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            long denominator = 2 * tp[c] + fp[c] + fn[c];
            if (denominator > 0) {
                sum += 2.0 * tp[c] / denominator;
                counted++;
            }
        }
        return sum / counted;
    }

    /**
     * Mean negative log of the probability given to the true class, clipped below at
     * {@link BinaryMetrics#LOG_LOSS_EPSILON}. Rows are not renormalised: a row that does not sum to 1 (within 1e-6)
     * is refused, since it points at a missing softmax rather than at rounding.
     */
    public static double logLoss(int[] truth, double[][] probabilities) {
        checkProbabilities(truth, probabilities);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum -= Math.log(Math.max(probabilities[i][truth[i]], BinaryMetrics.LOG_LOSS_EPSILON));
        }
        return sum / truth.length;
    }

    /** The most probable class of each row; on equal probabilities the lowest class index, so it is deterministic. */
    public static int[] predictedClasses(double[][] probabilities) {
        int[] out = new int[probabilities.length];
        for (int i = 0; i < probabilities.length; i++) {
            double[] row = probabilities[i];
            int best = 0;
            for (int c = 1; c < row.length; c++) {
                if (row[c] > row[best]) {
                    best = c;
                }
            }
            out[i] = best;
        }
        return out;
    }

    /** count, accuracy, macro-F1 (of the most probable class), log loss. */
    public static MetricReport report(int[] truth, double[][] probabilities) {
        checkProbabilities(truth, probabilities);
        int[] predicted = predictedClasses(probabilities);
        return MetricReport.builder()
                .count("count", truth.length)
                .value("accuracy", accuracy(truth, predicted))
                .value("macro_f1", macroF1(truth, predicted))
                .value("log_loss", logLoss(truth, probabilities))
                .build();
    }

    private static void checkLabels(int[] truth, int[] predicted) {
        MetricInputs.requireSameLength(truth.length, predicted.length, "truth and predictions");
        MetricInputs.requireNonEmpty(truth.length, "truth");
        requireClassIndices(truth, "truth");
        requireClassIndices(predicted, "predictions");
    }

    private static void checkProbabilities(int[] truth, double[][] probabilities) {
        MetricInputs.requireSameLength(truth.length, probabilities.length, "truth and probability rows");
        MetricInputs.requireNonEmpty(truth.length, "truth");
        requireClassIndices(truth, "truth");
        for (int i = 0; i < probabilities.length; i++) {
            double[] row = probabilities[i];
            if (truth[i] >= row.length) {
                throw new IllegalArgumentException("truth[" + i + "] = " + truth[i] + " but the row has only "
                        + row.length + " classes");
            }
            MetricInputs.requireProbabilities(row, "probabilities[" + i + "]");
            double sum = 0;
            for (double p : row) {
                sum += p;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                throw new IllegalArgumentException("probabilities[" + i + "] sums to " + sum + ", not 1");
            }
        }
    }

    private static void requireClassIndices(int[] labels, String what) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException(what + "[" + i + "] = " + labels[i] + " is not a class index");
            }
        }
    }

    private static int max(int[] values) {
        int m = Integer.MIN_VALUE;
        for (int v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
