package org.relgraph.models.rank;

import org.relgraph.query.RankingSeeds;

/**
 * The baseline every next-best-action model must beat: recommend to everyone the actions most often accepted in
 * the training history, ties broken by how often they were shown. One ranking for all entities.
 */
public final class PopularityRanker {
    private final double[] score;

    private PopularityRanker(double[] score) {
        this.score = score;
    }

    public static PopularityRanker fit(RankingSeeds train, int actions) {
        double[] accepted = new double[actions];
        double[] shown = new double[actions];
        for (int i = 0; i < train.size(); i++) {
            for (int j = 0; j < train.shown()[i].length; j++) {
                int a = train.shown()[i][j];
                if (a >= 0) {
                    shown[a]++;
                    accepted[a] += train.accepted()[i][j] ? 1 : 0;
                }
            }
        }
        double[] score = new double[actions];
        double maxShown = 1;
        for (double s : shown) {
            maxShown = Math.max(maxShown, s);
        }
        for (int a = 0; a < actions; a++) {
            // Shown counts only break ties: they stay below one acceptance.
            score[a] = accepted[a] + 0.5 * shown[a] / maxShown;
        }
        return new PopularityRanker(score);
    }

    /** The same scores for every seed. */
    public double[][] scores(int seeds) {
        double[][] out = new double[seeds][];
        for (int i = 0; i < seeds; i++) {
            out[i] = score.clone();
        }
        return out;
    }
}
