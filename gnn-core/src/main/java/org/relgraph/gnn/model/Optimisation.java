package org.relgraph.gnn.model;

/**
 * How each step moves the weights (Adam).
 *
 * @param learningRate Adam's step size
 * @param weightDecay  L2 penalty on the weights
 */
public record Optimisation(double learningRate, double weightDecay) {
    public static final Optimisation DEFAULTS = new Optimisation(3e-3, 1e-4);

    public Optimisation withLearningRate(double lr) {
        return RecordCopy.with(this, "learningRate", lr);
    }
}
