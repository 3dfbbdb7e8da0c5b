package org.relgraph.metrics;

/** Metrics of a numeric prediction against the true value. */
public final class RegressionMetrics {
    private RegressionMetrics() {
    }

    public static double meanAbsoluteError(double[] truth, double[] predicted) {
        check(truth, predicted);
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            sum += Math.abs(predicted[i] - truth[i]);
        }
        return sum / truth.length;
    }

    public static double rootMeanSquaredError(double[] truth, double[] predicted) {
        check(truth, predicted);
        return Math.sqrt(sumSquaredError(truth, predicted) / truth.length);
    }

    /**
     * Coefficient of determination 1 − SS_res / SS_tot, SS_tot taken about the mean of {@code truth}. 1 is perfect,
     * 0 is no better than predicting the mean, and it is negative for worse. NaN when the truth is constant
     * (SS_tot = 0): the ratio is then undefined, and a made-up 0 or 1 would read like a result.
     */
    public static double r2(double[] truth, double[] predicted) {
        check(truth, predicted);
        double mean = 0;
        for (double t : truth) {
            mean += t;
        }
        mean /= truth.length;
        double total = 0;
        for (double t : truth) {
            total += (t - mean) * (t - mean);
        }
        return total == 0 ? Double.NaN : 1 - sumSquaredError(truth, predicted) / total;
    }

    /** count, MAE, RMSE, R², in that order. */
    public static MetricReport report(double[] truth, double[] predicted) {
        return MetricReport.builder()
                .count("count", truth.length)
                .value("mae", meanAbsoluteError(truth, predicted))
                .value("rmse", rootMeanSquaredError(truth, predicted))
                .value("r2", r2(truth, predicted))
                .build();
    }

    private static double sumSquaredError(double[] truth, double[] predicted) {
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = predicted[i] - truth[i];
            sum += d * d;
        }
        return sum;
    }

    private static void check(double[] truth, double[] predicted) {
        MetricInputs.requireSameLength(truth.length, predicted.length, "truth and predictions");
        MetricInputs.requireNonEmpty(truth.length, "truth");
        MetricInputs.requireFinite(truth, "truth");
        MetricInputs.requireFinite(predicted, "predictions");
    }
}
