package org.relgraph.gnn.train;

import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.nn.Matrices;
import org.relgraph.metrics.BinaryMetrics;
import org.relgraph.metrics.MulticlassMetrics;
import org.relgraph.metrics.RegressionMetrics;
import org.relgraph.query.TaskType;

/**
 * The number early stopping watches: AUROC for binary tasks (insensitive to the positive weighting of the loss),
 * mean absolute error for regression (the loss being trained), accuracy for multiclass, MAP@k of the ranked action
 * space for ranking (computed by {@link RankingTrainer}, which holds the candidate lists this class has no room for).
 */
public enum ValidationMetric {
    AUROC(true),
    MAE(false),
    ACCURACY(true),
    MAP(true);

    private final boolean higherIsBetter;

    ValidationMetric(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    public static ValidationMetric forTask(TaskType task) {
        return switch (task) {
            case BINARY -> AUROC;
            case REGRESSION -> MAE;
            case MULTICLASS -> ACCURACY;
            case RANKING -> MAP;
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
            case AUROC -> BinaryMetrics.auroc(Matrices.firstColumn(scores), TaskLabels.binary(labels));
            case MAE -> RegressionMetrics.meanAbsoluteError(labels, Matrices.firstColumn(scores));
            case ACCURACY -> MulticlassMetrics.accuracy(TaskLabels.classIndices(labels, head),
                    MulticlassMetrics.predictedClasses(scores));
            case MAP -> throw new IllegalStateException("MAP needs candidate lists: RankingTrainer computes it");
        };
    }
}
