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

    /** Writes what its kind's {@link TabularKind#loadPredictor} reads back into the bundle being built. */
    void saveInto(java.nio.file.Path folder) throws java.io.IOException;

    /** Frees native or database resources; the predictor is unusable afterwards. */
    @Override
    default void close() {
    }
}
