package org.relgraph.models.baseline;

import java.io.IOException;
import java.nio.file.Path;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.InputMask;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;

/**
 * Inputs of another source that {@link GradientBoostedBaseline} appends to its point-in-time features, computed as
 * of each example's anchor like them (e.g. the GNN's own inputs of the entity node, {@link EntityNodeInputs}).
 */
interface AppendedFeatures extends AutoCloseable {
    /** Fits what the inputs need (statistics, vocabularies) on data the train split may see. */
    void fit(TrainingSplits splits);

    /**
     * One row per example of {@code table}, in its order, as computed from the data with {@code mask}'s input hidden
     * ({@link InputMask#none()} for the data as it is).
     */
    FeatureMatrix build(TrainingTable table, InputMask mask);

    /** Writes what {@link #fit} learnt into the bundle being built, for the kind's loader to read back. */
    void saveInto(Path dir) throws IOException;

    @Override
    default void close() {
    }
}
