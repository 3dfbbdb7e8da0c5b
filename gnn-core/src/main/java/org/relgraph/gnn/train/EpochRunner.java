package org.relgraph.gnn.train;

import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.nn.Module;
import org.relgraph.gnn.optim.Adam;

/**
 * Runs one epoch's optimisation steps somewhere other than the training thread's own batch loop, e.g. on a Spark
 * cluster by parameter averaging. {@link Trainer#fit(LabeledSeeds, double[], LabeledSeeds, TrainingListener,
 * TrainingState, java.util.function.Consumer, EpochRunner)} keeps everything else of the epoch loop on the caller's
 * side: the example order, validation, early stopping and the restore of the best epoch's weights.
 */
public interface EpochRunner {
    /**
     * One epoch to train.
     *
     * @param number  1-based epoch
     * @param order   the epoch's example order (positions in {@code train}), as the local loop would use it
     * @param weights per training example, or null for equal weights
     * @param model   the model whose parameters must hold the epoch's resulting weights when {@link #train} returns
     * @param adam    the optimiser over {@code model}'s parameters; its state is what the next epoch starts from
     */
    record Epoch(int number, int[] order, LabeledSeeds train, double[] weights, Module model, Adam adam,
                 GnnConfig config) {
    }

    /** Trains the epoch, leaving its weights in the model and its optimiser state in the Adam; its mean batch loss. */
    double train(Epoch epoch);
}
