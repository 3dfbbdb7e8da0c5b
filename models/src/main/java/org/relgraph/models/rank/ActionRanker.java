package org.relgraph.models.rank;

import org.relgraph.models.EntityModel;

/**
 * A next-best-action model of any kind (the GNN ranker, the flat XGBoost ranker): it scores every action of its
 * {@link ActionSpace} for each entity with a calibrated acceptance probability, which is what {@code predict}
 * turns into the NBA table and {@code evaluate} names the candidates by.
 */
public interface ActionRanker extends EntityModel {
    @Override
    default java.util.Optional<ActionRanker> asActionRanker() {
        return java.util.Optional.of(this);
    }

    /** The candidate actions, fixed at training time from the training rows. */
    ActionSpace actions();

    /**
     * Per entity, the calibrated probability that the query's condition holds for each action of
     * {@link #actions()}, with only the data known at {@code asOfMs}.
     *
     * @return [entities][actions]
     */
    double[][] scoreActions(int[] entityRows, long asOfMs);

    /**
     * {@link #scoreActions(int[], long)}, telling {@code scored} how many entities are scored so far: 0 as it
     * starts, then rising to {@code entityRows.length} after each batch for kinds that score in batches, else once at
     * the end.
     */
    default double[][] scoreActions(int[] entityRows, long asOfMs, java.util.function.IntConsumer scored) {
        scored.accept(0);
        double[][] p = scoreActions(entityRows, asOfMs);
        scored.accept(entityRows.length);
        return p;
    }

    /**
     * Per entity, which actions of {@link #actions()} may be recommended to it as of {@code asOfMs} (the query's
     * OFFERING rule, {@link ActionEligibility}); null when every action may.
     */
    boolean[][] eligibleActions(int[] entityRows, long asOfMs);

    /** The calibrated acceptance probability of each entity's best eligible action; NaN when none is eligible. */
    @Override
    default double[] score(int[] entityRows, long asOfMs) {
        return score(entityRows, asOfMs, done -> { });
    }

    @Override
    default double[] score(int[] entityRows, long asOfMs, java.util.function.IntConsumer scored) {
        double[][] p = scoreActions(entityRows, asOfMs, scored);
        boolean[][] eligible = eligibleActions(entityRows, asOfMs);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            int best = bestAction(p[i], eligible == null ? null : eligible[i]);
            out[i] = best < 0 ? Double.NaN : p[i][best];
        }
        return out;
    }

    /** The first eligible action of the highest score (all eligible when {@code eligible} is null), or -1. */
    static int bestAction(double[] scores, boolean[] eligible) {
        int best = -1;
        for (int a = 0; a < scores.length; a++) {
            if ((eligible == null || eligible[a]) && (best < 0 || scores[a] > scores[best])) {
                best = a;
            }
        }
        return best;
    }
}
