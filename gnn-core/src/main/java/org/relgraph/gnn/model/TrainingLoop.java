package org.relgraph.gnn.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How long training runs and in what order it sees the examples.
 *
 * @param batchSize           seeds per mini-batch
 * @param epochs              maximum passes over the training examples
 * @param patience            epochs without validation improvement before stopping early
 * @param seed                the run's random seed (weights, shuffling, sampling): same seed, same model
 * @param refit               after early stopping has chosen the number of epochs on validation, train again from
 *                            the same starting weights on the train and validation examples for that many epochs
 *                            and keep that model; null or false: keep the early-stopped model (docs/MODEL-TUNING.md,
 *                            "rel-f1: refit, recency weights, three hops"). Left out of the JSON when null, so
 *                            configs from before the choice keep their identity.
 * @param recencyHalfLifeDays weight each training example's loss by {@code 0.5^(age / halfLife)}, its age being
 *                            the days from its anchor to the latest training anchor (weights scaled to mean 1);
 *                            null: every example weighs the same. Left out of the JSON when null.
 */
public record TrainingLoop(int batchSize, int epochs, int patience, long seed,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Boolean refit,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Double recencyHalfLifeDays) {
    public static final TrainingLoop DEFAULTS = new TrainingLoop(512, 20, 4, 42, null, null);

    public TrainingLoop {
        if (batchSize <= 0 || epochs <= 0 || patience <= 0) {
            throw new IllegalArgumentException("batch size, epochs and patience must be positive; got batch "
                    + batchSize + ", epochs " + epochs + ", patience " + patience);
        }
        if (recencyHalfLifeDays != null && !(recencyHalfLifeDays > 0 && recencyHalfLifeDays < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("the recency half-life must be a positive number of days, got "
                    + recencyHalfLifeDays);
        }
    }

    public TrainingLoop withBatchSize(int b) {
        return RecordCopy.with(this, "batchSize", b);
    }

    public TrainingLoop withEpochs(int e) {
        return RecordCopy.with(this, "epochs", e);
    }

    public TrainingLoop withPatience(int p) {
        return RecordCopy.with(this, "patience", p);
    }

    public TrainingLoop withSeed(long s) {
        return RecordCopy.with(this, "seed", s);
    }

    public TrainingLoop withRefit(Boolean on) {
        return RecordCopy.with(this, "refit", on);
    }

    public TrainingLoop withRecencyHalfLifeDays(Double days) {
        return RecordCopy.with(this, "recencyHalfLifeDays", days);
    }

    /** Whether training ends with a refit on train + validation ({@link #refit}, off when not chosen). */
    public boolean refits() {
        return Boolean.TRUE.equals(refit);
    }
}
