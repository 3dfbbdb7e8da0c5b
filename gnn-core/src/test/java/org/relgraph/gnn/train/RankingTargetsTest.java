package org.relgraph.gnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.query.RankingSeeds;

class RankingTargetsTest {
    @Test
    void acceptedActionsAreOneAndRefusedOrUnshownAreZero() {
        RankingSeeds seeds = new RankingSeeds(new int[] {7, 8, 9}, new long[] {1, 1, 1},
                new int[][] {{2, 0, 2}, {1}, {-1, 3}},
                new boolean[][] {{true, false, false}, {false}, {true, true}});
        // Batch order: seed 2 then seed 0 (seed 1 is in another batch).
        double[][] t = RankingTrainer.acceptedTargets(seeds, new int[] {1, 2, 0}, 1, 3, 4);
        // Seed 2 accepted an action outside the space (dropped) and action 3.
        assertArrayEquals(new double[] {0, 0, 0, 1}, t[0]);
        // Seed 0: action 2 accepted once and refused once counts as accepted; refused action 0 is 0.
        assertArrayEquals(new double[] {0, 0, 1, 0}, t[1]);
    }

    @Test
    void actionsASeedMayNotBeRecommendedAreLeftOutOfTheLossAndTheRanking() {
        double[][] targets = {{1, 0, 0}, {0, 0, 1}};
        boolean[][] eligible = {{true, false, true}, null};
        var g = RankingTrainer.allActionsBce(Nd4j.zeros(DataType.DOUBLE, 2, 3), targets, eligible).gradient();
        assertEquals(0, g.getDouble(0, 1), 0, "ineligible: no gradient");
        assertTrue(g.getDouble(0, 2) > 0, "eligible, not accepted: pushed down");
        assertTrue(g.getDouble(1, 1) > 0, "no rule for this seed: every action trained");

        double[] scores = {0.1, 0.9, 0.5, 0.7};
        assertArrayEquals(new int[] {1, 3, 2, 0}, RankingTrainer.ranked(scores));
        assertArrayEquals(new int[] {3, 0}, RankingTrainer.ranked(scores, new boolean[] {true, false, false, true}));
        // MAP@1 of the seed that accepted action 2: a miss over all actions, a hit once 1 and 3 cannot be offered.
        RankingSeeds all = new RankingSeeds(new int[] {0}, new long[] {0}, new int[][] {{2}},
                new boolean[][] {{true}});
        RankingSeeds masked = new RankingSeeds(new int[] {0}, new long[] {0}, new int[][] {{2}},
                new boolean[][] {{true}}, new boolean[][] {{true, false, true, false}});
        assertEquals(0, RankingTrainer.meanAveragePrecision(all, new double[][] {scores}, 1), 0);
        assertEquals(1, RankingTrainer.meanAveragePrecision(masked, new double[][] {scores}, 1), 0);
    }
}
