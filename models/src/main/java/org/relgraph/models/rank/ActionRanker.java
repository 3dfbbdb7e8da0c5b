package org.relgraph.models.rank;

import java.util.Arrays;
import org.relgraph.models.EntityModel;

/**
 * A next-best-action model of any kind (the GNN ranker, the flat XGBoost ranker): it scores every action of its
 * {@link ActionSpace} for each entity with a calibrated acceptance probability, which is what {@code predict}
 * turns into the NBA table and {@code evaluate} names the candidates by.
 */
public interface ActionRanker extends EntityModel {
    /** The candidate actions, fixed at training time from the training rows. */
    ActionSpace actions();

    /**
     * Per entity, the calibrated probability that the query's condition holds for each action of
     * {@link #actions()}, with only the data known at {@code asOfMs}.
     *
     * @return [entities][actions]
     */
    double[][] scoreActions(int[] entityRows, long asOfMs);

    /** The calibrated acceptance probability of each entity's best action. */
    @Override
    default double[] score(int[] entityRows, long asOfMs) {
        return Arrays.stream(scoreActions(entityRows, asOfMs))
                .mapToDouble(r -> Arrays.stream(r).max().orElse(Double.NaN)).toArray();
    }
}
