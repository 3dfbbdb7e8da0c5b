package org.relgraph.models.tune;

import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.EntityModel;

/**
 * Trains one model of the search. {@link org.relgraph.models.api.Tuning} trains the query's GNN kind on the task's
 * tables; tests pass a stand-in. The listener must hear every epoch's end ({@link TrainingListener#onEpochEnd}, with
 * the validation metric) and be asked {@link TrainingListener#stopRequested()} after it: that is how the search
 * learns a run's metric and stops it when the time budget is spent.
 */
@FunctionalInterface
public interface TrialTrainer {
    EntityModel train(GnnConfig config, TrainingListener listener);
}
