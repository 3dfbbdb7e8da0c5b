package org.relgraph.models.tune;

import org.relgraph.gnn.model.GnnConfig;

/**
 * One training run of a trial's model in one rung of the search.
 *
 * @param trial          1-based trial number (the order the models were drawn in)
 * @param rung           0-based rung
 * @param config         the model's settings
 * @param epochsPlanned  the rung's epochs
 * @param epochsRun      epochs trained (fewer after early stopping or the end of the time budget)
 * @param bestEpoch      the epoch whose weights the run kept
 * @param valMetric      the validation metric of those weights (NaN when undefined)
 * @param seconds        wall time of the run, from the start of training to the trained model
 * @param cutByBudget    whether the time budget ended the run before it finished
 */
public record TrialRun(int trial, int rung, GnnConfig config, int epochsPlanned, int epochsRun, int bestEpoch,
                       double valMetric, double seconds, boolean cutByBudget) {
}
