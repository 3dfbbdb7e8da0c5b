package org.relgraph.gnn.train;

/** Callbacks from {@link Trainer#fit} and {@link RankingTrainer#fit}, on the training thread; keep them quick. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    default void onBatchEnd(TrainingProgress progress) {
    }

    /** After validation; {@link TrainingProgress#valMetric()} is set. */
    default void onEpochEnd(TrainingProgress progress) {
    }

    /**
     * Asked after every epoch's {@link #onEpochEnd}: true ends training there, as early stopping would (the best
     * epoch's weights are restored and the result is complete). A time budget ({@code relgraph tune --budget})
     * stops a run this way without losing it.
     */
    default boolean stopRequested() {
        return false;
    }

    /**
     * After each batch of a pass that scores a split: {@code "val"} when an epoch ends (before
     * {@link #onEpochEnd}), and {@code "test"} (plus {@code "val"} when a resumed run must score it again) when a
     * model kind evaluates the trained model.
     *
     * @param done examples scored so far in this pass: 0 as it starts, then rising to {@code total}
     */
    default void onScoring(String split, int done, int total) {
    }
}
