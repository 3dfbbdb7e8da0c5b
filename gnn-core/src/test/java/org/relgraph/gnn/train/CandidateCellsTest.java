package org.relgraph.gnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.loss.LossValue;

class CandidateCellsTest {
    private static final int ACTIONS = 6;

    /** With all logits 0 every named cell has gradient weight·(0.5 - y)/Σw: non-zero exactly where a cell is. */
    private static INDArray gradient(CandidateCells cells) {
        LossValue v = cells.loss(Nd4j.zeros(DataType.DOUBLE, 2, ACTIONS));
        return v.gradient();
    }

    @Test
    void sampledNegativesAreNeverShownActionsAndOutOfSpaceActionsAreSkipped() {
        CandidateCells cells = new CandidateCells(ACTIONS, new RankingTrainer.Options(50, 0.25, 3));
        // Seed 0 was shown actions 1 (accepted), 2 and one action outside the space.
        cells.addSeed(0, new int[] {1, 2, -1}, new boolean[] {true, false, true}, null,
                new SplittableRandom(1));
        INDArray g = gradient(cells);
        assertTrue(g.getDouble(0, 1) < 0, "accepted: pushed up");
        assertTrue(g.getDouble(0, 2) > 0, "shown, refused: pushed down");
        // 50 draws among the 4 unshown actions hit each of them; each unshown cell is pushed down less per draw.
        for (int a : new int[] {0, 3, 4, 5}) {
            assertTrue(g.getDouble(0, a) > 0, "unshown action " + a + " sampled as a negative");
        }
        assertEquals(0, g.getRow(1).sumNumber().doubleValue(), 0, "no seed in row 1");
    }

    @Test
    void allUnshownGivesEachUnshownActionExactlyOneLowWeightNegative() {
        CandidateCells cells = new CandidateCells(ACTIONS,
                new RankingTrainer.Options(RankingTrainer.Options.ALL_UNSHOWN, 0.5, 3));
        cells.addSeed(1, new int[] {4}, new boolean[] {false}, null, new SplittableRandom(1));
        INDArray g = gradient(cells);
        double total = 1 + 0.5 * 5;
        assertEquals(0.5 / total, g.getDouble(1, 4), 1e-12);
        for (int a : new int[] {0, 1, 2, 3, 5}) {
            assertEquals(0.5 * 0.5 / total, g.getDouble(1, a), 1e-12);
        }
    }

    @Test
    void ineligibleActionsAreNeitherTrainedWhenShownNorSampledAsNegatives() {
        CandidateCells cells = new CandidateCells(ACTIONS, new RankingTrainer.Options(50, 0.25, 3));
        boolean[] eligible = {true, true, false, true, false, true};
        // Action 2 was shown and refused, but may not be recommended now (e.g. the customer holds it).
        cells.addSeed(0, new int[] {1, 2}, new boolean[] {true, false}, eligible, new SplittableRandom(1));
        INDArray g = gradient(cells);
        assertTrue(g.getDouble(0, 1) < 0, "accepted: pushed up");
        assertEquals(0, g.getDouble(0, 2), 0, "shown but ineligible: not trained");
        assertEquals(0, g.getDouble(0, 4), 0, "ineligible: never sampled");
        for (int a : new int[] {0, 3, 5}) {
            assertTrue(g.getDouble(0, a) > 0, "eligible unshown action " + a + " sampled as a negative");
        }
    }
}
