package org.relgraph.gnn.train;

import org.relgraph.gnn.model.PredictionHead;

/** Training-table labels (doubles) in the forms {@link org.relgraph.metrics} takes. */
public final class TaskLabels {
    private TaskLabels() {
    }

    /** {@link org.relgraph.metrics.BinaryMetrics#positives}, which every model kind uses. */
    public static boolean[] binary(double[] labels) {
        return org.relgraph.metrics.BinaryMetrics.positives(labels);
    }

    /**
     * Indices into {@link PredictionHead#classes()}. A class training never saw gets index {@code classes.length}:
     * the model cannot predict it, so it counts as wrong rather than being dropped from the evaluation.
     */
    public static int[] classIndices(double[] labels, PredictionHead head) {
        int unseen = head.classes().length;
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            int k = head.classIndex(labels[i]);
            out[i] = k < 0 ? unseen : k;
        }
        return out;
    }
}
