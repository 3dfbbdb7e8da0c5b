package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A mean loss over a batch and its gradient w.r.t. the predictions it was computed from.
 *
 * @param rowLosses each row's loss, {@code value} their mean ([n] or [n, 1]): what {@link #weighted} needs to give
 *                  the loss a trainer optimises when it scales the gradient's rows by example weights; null for the
 *                  losses that are not a mean over rows (the ranking losses), which are never weighted so
 */
public record LossValue(double value, INDArray gradient, INDArray rowLosses) {
    /** A loss with no per-row form: {@link #weighted} refuses it. */
    public LossValue(double value, INDArray gradient) {
        this(value, gradient, null);
    }

    /**
     * The loss whose gradient is {@link #gradient} with row i scaled by {@code weights[i]}: the mean over rows of
     * {@code weights[i] · rowLoss[i]} (with every weight 1, {@link #value} up to rounding).
     */
    public double weighted(double[] weights) {
        if (rowLosses == null) {
            throw new IllegalStateException("this loss has no per-row losses to weigh");
        }
        long n = rowLosses.length();
        if (weights.length != n) {
            throw new IllegalArgumentException(weights.length + " weights for " + n + " rows");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += weights[i] * rowLosses.getDouble(i);
        }
        return sum / n;
    }
}
