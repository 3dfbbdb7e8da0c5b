package org.relgraph.metrics;

/**
 * Metrics of a binary classifier: ranking quality (AUROC, average precision) and probability quality (log loss,
 * Brier score, calibration). Ranking metrics accept any real-valued scores; probability metrics require values in
 * [0, 1]. A label is {@code true} for the positive class.
 */
public final class BinaryMetrics {
    /**
     * Probabilities are clipped to [EPSILON, 1 - EPSILON] in the log loss, so one confident mistake costs about
     * 34.5 nats instead of infinity; the same constant as scikit-learn's historical default, so numbers compare.
     */
    public static final double LOG_LOSS_EPSILON = 1e-15;

    private BinaryMetrics() {
    }

    /** Training-table labels of a binary task (1.0 positive, 0.0 negative) as the labels these metrics take. */
    public static boolean[] positives(double[] labels) {
        boolean[] out = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = labels[i] > 0.5;
        }
        return out;
    }

    /**
     * Area under the ROC curve: the probability that a randomly chosen positive scores above a randomly chosen
     * negative, a tie counting one half. Computed from the Mann–Whitney U statistic with tied scores given their
     * average rank, in O(n log n). NaN when the labels hold only one class (the quantity is undefined).
     */
    public static double auroc(double[] scores, boolean[] labels) {
        return auroc(RankedScores.of(scores, labels));
    }

    static double auroc(RankedScores r) {
        if (r.positives == 0 || r.negatives() == 0) {
            return Double.NaN;
        }
        // Groups are in descending order; group g takes ascending ranks n-end+1 .. n-start, average as below.
        double positiveRankSum = 0;
        for (int g = 0; g < r.groups(); g++) {
            double averageRank = (2.0 * r.n - r.groupStart(g) - r.groupEnd[g] + 1) / 2.0;
            positiveRankSum += averageRank * r.groupPositives(g);
        }
        double p = r.positives;
        double u = positiveRankSum - p * (p + 1) / 2;
        return u / (p * r.negatives());
    }

    /**
     * Average precision as scikit-learn defines it: AP = Σ_t (R_t − R_{t−1}) · P_t over the distinct score
     * thresholds t in descending order, where P_t and R_t are precision and recall when everything scoring at least
     * t is called positive. A step function with no interpolation, so it is not the trapezoidal area under the
     * precision–recall curve (which is optimistic). Tied scores enter together at one threshold. NaN without
     * positives.
     */
    public static double averagePrecision(double[] scores, boolean[] labels) {
        return averagePrecision(RankedScores.of(scores, labels));
    }

    static double averagePrecision(RankedScores r) {
        if (r.positives == 0) {
            return Double.NaN;
        }
        double ap = 0;
        for (int g = 0; g < r.groups(); g++) {
            long recalled = r.groupPositives(g);
            if (recalled > 0) {
                double precision = (double) r.positivesThrough[g] / r.groupEnd[g];
                ap += (double) recalled / r.positives * precision;
            }
        }
        return ap;
    }

    /**
     * Mean negative log-likelihood in nats of the labels under the predicted probabilities, each clipped to
     * [{@link #LOG_LOSS_EPSILON}, 1 − {@link #LOG_LOSS_EPSILON}].
     */
    public static double logLoss(double[] probabilities, boolean[] labels) {
        checkProbabilities(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = Math.min(Math.max(probabilities[i], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
            sum -= labels[i] ? Math.log(p) : Math.log1p(-p);
        }
        return sum / probabilities.length;
    }

    /** Mean squared difference between the predicted probability and the 0/1 label. */
    public static double brierScore(double[] probabilities, boolean[] labels) {
        checkProbabilities(probabilities, labels);
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double d = probabilities[i] - (labels[i] ? 1 : 0);
            sum += d * d;
        }
        return sum / probabilities.length;
    }

    /** The decile calibration table: {@link CalibrationTable#of} with ten equal-count bins. */
    public static CalibrationTable calibrationTable(double[] probabilities, boolean[] labels) {
        return CalibrationTable.of(probabilities, labels, 10, CalibrationTable.Binning.EQUAL_COUNT);
    }

    /** Expected calibration error over the decile table; see {@link CalibrationTable#expectedCalibrationError()}. */
    public static double expectedCalibrationError(double[] probabilities, boolean[] labels) {
        return calibrationTable(probabilities, labels).expectedCalibrationError();
    }

    /**
     * The binary metrics {@code relgraph evaluate} prints, in this order: count, positives, positive rate, AUROC,
     * average precision, log loss, Brier score, ECE.
     */
    public static MetricReport report(double[] probabilities, boolean[] labels) {
        checkProbabilities(probabilities, labels);
        RankedScores r = RankedScores.of(probabilities, labels);
        return MetricReport.builder()
                .count("count", r.n)
                .count("positives", r.positives)
                .value("positive_rate", (double) r.positives / r.n)
                .value("auroc", auroc(r))
                .value("average_precision", averagePrecision(r))
                .value("log_loss", logLoss(probabilities, labels))
                .value("brier", brierScore(probabilities, labels))
                .value("ece", expectedCalibrationError(probabilities, labels))
                .build();
    }

    static void checkProbabilities(double[] probabilities, boolean[] labels) {
        MetricInputs.requireSameLength(probabilities.length, labels.length, "probabilities and labels");
        MetricInputs.requireNonEmpty(probabilities.length, "probabilities");
        MetricInputs.requireProbabilities(probabilities, "probabilities");
    }
}
