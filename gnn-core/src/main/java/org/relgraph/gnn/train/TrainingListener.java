package org.relgraph.gnn.train;

/** Callbacks from {@link Trainer#fit} and {@link RankingTrainer#fit}, on the training thread; keep them quick. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    default void onBatchEnd(TrainingProgress progress) {
    }

    /** After validation; {@link TrainingProgress#valMetric()} is set. */
    default void onEpochEnd(TrainingProgress progress) {
    }
}
