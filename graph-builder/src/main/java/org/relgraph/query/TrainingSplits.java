package org.relgraph.query;

/** Train, validation and test tables built from one {@link SplitPlan}. */
public record TrainingSplits(TrainingTable train, TrainingTable val, TrainingTable test) {
    @Override
    public String toString() {
        return train.summary() + "\n" + val.summary() + "\n" + test.summary();
    }
}
