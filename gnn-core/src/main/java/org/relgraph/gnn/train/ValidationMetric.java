package org.relgraph.gnn.train;

import java.util.Arrays;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.query.TaskType;

/**
 * The number early stopping watches: AUROC for binary tasks (insensitive to the positive weighting of the loss),
 * mean absolute error for regression (the loss being trained), accuracy for multiclass.
 */
public enum ValidationMetric {
    AUROC(true),
    MAE(false),
    ACCURACY(true);

    private final boolean higherIsBetter;

    ValidationMetric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    public static ValidationMetric forTask(TaskType task) {
        return switch (task) {
            case BINARY -> AUROC;
            case REGRESSION -> MAE;
            case MULTICLASS -> ACCURACY;
            case RANKING -> throw new IllegalArgumentException("no validation metric for ranking");
        };
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether {@code candidate} beats {@code best}; NaN never beats a number. */
    public boolean isBetter(double candidate, double best) {
        if (Double.isNaN(candidate)) {
            return false;
        }
        return Double.isNaN(best) || (higherIsBetter ? candidate > best : candidate < best);
    }

    /**
     * @param scores as from {@link PredictionHead#scores}
     * @return the metric, or NaN when it is undefined (no examples; AUROC with one class only)
     */
    public double compute(double[][] scores, double[] labels, PredictionHead head) {
        if (labels.length == 0) {
            return Double.NaN;
        }
        return switch (this) {
            case AUROC -> auroc(firstColumn(scores), labels);
            case MAE -> {
                double sum = 0;
                for (int i = 0; i < labels.length; i++) {
                    sum += Math.abs(scores[i][0] - labels[i]);
                }
                yield sum / labels.length;
            }
            case ACCURACY -> {
                int correct = 0;
                for (int i = 0; i < labels.length; i++) {
                    if (argMax(scores[i]) == head.classIndex(labels[i])) {
                        correct++;
                    }
                }
                yield (double) correct / labels.length;
            }
        };
    }

    /** Probability that a random positive outscores a random negative, ties counting half (Mann-Whitney U). */
    static double auroc(double[] scores, double[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] > 0.5) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }

    private static double[] firstColumn(double[][] scores) {
        double[] c = new double[scores.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = scores[i][0];
        }
        return c;
    }

    private static int argMax(double[] row) {
        int best = 0;
        for (int k = 1; k < row.length; k++) {
            if (row[k] > row[best]) {
                best = k;
            }
        }
        return best;
    }
}
