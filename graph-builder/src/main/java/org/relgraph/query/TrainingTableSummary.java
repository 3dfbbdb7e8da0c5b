package org.relgraph.query;

import java.util.Locale;

/**
 * How a split looks, for logs and sanity checks: anchors, rows, and the label's mean and spread (for binary
 * targets the mean is the positive rate; for list targets the statistics are of the list sizes).
 *
 * @param distinctLabels number of distinct label values, counted up to 1001
 */
public record TrainingTableSummary(String split, TaskType taskType, boolean listLabels, int anchors, int rows,
                                   double labelMean, double labelStd, int distinctLabels) {
    @Override
    public String toString() {
        String labels;
        if (listLabels) {
            labels = String.format(Locale.ROOT, "list size mean %.3f, std %.3f", labelMean, labelStd);
        } else if (taskType == TaskType.BINARY || taskType == TaskType.RANKING) {
            labels = String.format(Locale.ROOT, "positive rate %.4f", labelMean);
        } else if (taskType == TaskType.MULTICLASS) {
            labels = distinctLabels + (distinctLabels > 1000 ? "+" : "") + " classes";
        } else {
            labels = String.format(Locale.ROOT, "label mean %.4g, std %.4g", labelMean, labelStd);
        }
        return String.format(Locale.ROOT, "%s: %d anchors, %d rows, %s", split, anchors, rows, labels);
    }
}
