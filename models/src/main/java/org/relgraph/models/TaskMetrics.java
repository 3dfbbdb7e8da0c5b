package org.relgraph.models;

import java.util.Arrays;
import org.relgraph.metrics.BinaryMetrics;
import org.relgraph.metrics.BusinessMetrics;
import org.relgraph.metrics.MetricReport;
import org.relgraph.metrics.RegressionMetrics;

/**
 * The metric reports every model kind produces for the same task, so a GNN and a baseline are compared on the
 * same names: binary = {@link BinaryMetrics#report} + mean prediction + {@link BusinessMetrics#report}; regression =
 * {@link RegressionMetrics#report}.
 */
public final class TaskMetrics {
    private TaskMetrics() {
    }

    public static MetricReport binary(double[] probabilities, boolean[] labels) {
        return MetricReport.builder()
                .addAll(BinaryMetrics.report(probabilities, labels))
                .value("mean_predicted", Arrays.stream(probabilities).average().orElse(Double.NaN))
                .addAll(BusinessMetrics.report(probabilities, labels)).build();
    }

    public static MetricReport regression(double[] truth, double[] predicted) {
        return RegressionMetrics.report(truth, predicted);
    }
}
