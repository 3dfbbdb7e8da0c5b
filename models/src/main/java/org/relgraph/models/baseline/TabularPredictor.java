package org.relgraph.models.baseline;

import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;

/**
 * A model fitted on the training tables of one predictive query and asked for one number per example: the
 * probability of 1 for binary tasks, the value for regression, the predicted class code for multiclass.
 */
public interface TabularPredictor extends AutoCloseable {
    /** A short name for reports, e.g. {@code flat-xgboost}. */
    String name();

    /** Learns from {@code splits.train()}; may use {@code splits.val()} for early stopping, never the test split. */
    void fit(TrainingSplits splits);

    /** One prediction per example of {@code table}, in its order. */
    double[] predict(TrainingTable table);

    /**
     * Predictions for {@code table} with one input hidden at a time, from inputs computed once: for each mask, what
     * {@link #predict} would give on a database with that input masked ({@code Database.withEmptyTable} /
     * {@code withNullColumn}), without recomputing every feature from it. What the leakage audit asks of a baseline.
     */
    java.util.function.Function<org.relgraph.models.features.InputMask, double[]> maskedPredictions(
            TrainingTable table);

    /** Writes what its kind's {@link TabularKind#loadPredictor} reads back into the bundle being built. */
    void saveInto(java.nio.file.Path folder) throws java.io.IOException;

    /** Frees native or database resources; the predictor is unusable afterwards. */
    @Override
    default void close() {
    }
}
