package org.relgraph.gnn.model;

/**
 * How long training runs and in what order it sees the examples.
 *
 * @param batchSize seeds per mini-batch
 * @param epochs    maximum passes over the training examples
 * @param patience  epochs without validation improvement before stopping early
 * @param seed      the run's random seed (weights, shuffling, sampling): same seed, same model
 */
public record TrainingLoop(int batchSize, int epochs, int patience, long seed) {
    public static final TrainingLoop DEFAULTS = new TrainingLoop(512, 20, 4, 42);

    public TrainingLoop {
        if (batchSize <= 0 || epochs <= 0 || patience <= 0) {
            throw new IllegalArgumentException("batch size, epochs and patience must be positive; got batch "
                    + batchSize + ", epochs " + epochs + ", patience " + patience);
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
}
