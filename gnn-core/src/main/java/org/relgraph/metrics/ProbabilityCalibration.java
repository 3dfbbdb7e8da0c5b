package org.relgraph.metrics;

/**
 * A monotone map from a model's output to a calibrated probability, fitted on validation data and applied by
 * {@code predict}. Implementations are plain records so the model bundle can store them with Jackson as they are.
 */
public sealed interface ProbabilityCalibration permits PlattScaling, IsotonicCalibration {

    /** The calibrated probability of one model output. */
    double apply(double output);

    default double[] apply(double[] outputs) {
        double[] out = new double[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            out[i] = apply(outputs[i]);
        }
        return out;
    }
}
