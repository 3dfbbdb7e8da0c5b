package org.relgraph.gnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

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
}
