package org.relgraph.models.tune;

import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.EntityModel;

/** What {@link Tuner#run} tells its caller as the search goes; every method is optional. */
public interface TuningListener {
    TuningListener NONE = new TuningListener() { };

    /**
     * A run is about to train.
     *
     * @return who follows its batches and epochs (e.g. a progress bar)
     */
    default TrainingListener runStarting(RunStart start) {
        return TrainingListener.NONE;
    }

    /** A run finished: the search so far, this run last in {@link TuningResult#runs()}. */
    default void runEnded(TuningResult soFar) {
    }

    /**
     * {@code run} is the best so far and {@code model} is its trained model, open until this returns: the place to
     * save it (then the best model survives an interrupted search).
     */
    default void newBest(TrialRun run, EntityModel model) throws java.io.IOException {
    }

    /**
     * Where the search is when a run starts.
     *
     * @param run       1-based run number over the whole search
     * @param runs      runs the schedule plans (fewer happen when the time budget ends the search)
     * @param trial     the trial's number
     * @param rung      the rung it trains in
     * @param rungs     rungs the schedule plans
     * @param best      the best run so far, or null before the first ends
     */
    record RunStart(int run, int runs, int trial, HalvingSchedule.Rung rung, int rungs, TrialRun best) {
    }
}
