package org.relgraph.models.baseline;

import org.relgraph.metrics.BinaryMetrics;
import org.relgraph.query.TrainingTable;

/** AUROC of scores against a binary training table's labels. */
final class Auroc {
    private Auroc() {
    }

    static double of(TrainingTable table, double[] scores) {
        boolean[] labels = new boolean[table.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = table.label(i) == 1;
        }
        return BinaryMetrics.auroc(scores, labels);
    }
}
