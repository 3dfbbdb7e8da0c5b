package org.relgraph.gnn.train;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.nn.loss.CandidateBce;
import org.relgraph.gnn.nn.loss.LossValue;

/**
 * The (seed, action) cells one ranking batch is trained on: every shown candidate with its outcome at weight 1, and
 * per seed the negatives {@link RankingTrainer.Options} asks for among the actions it was <em>not</em> shown, as 0
 * at the lower negative weight.
 */
final class CandidateCells {
    private final int actions;
    private final RankingTrainer.Options options;
    private final boolean[] shownHere;
    private int[] row = new int[256];
    private int[] col = new int[256];
    private double[] target = new double[256];
    private double[] weight = new double[256];
    private int n;

    CandidateCells(int actions, RankingTrainer.Options options) {
        this.actions = actions;
        this.options = options;
        this.shownHere = new boolean[actions];
    }

    /**
     * @param batchRow the seed's row in the batch's logits
     * @param eligible which actions the seed may be recommended (never drawn as negatives), or null for all
     * @param rng      draws sampled negatives; called in batch order on one thread, so runs are reproducible
     */
    void addSeed(int batchRow, int[] shown, boolean[] accepted, boolean[] eligible, SplittableRandom rng) {
        Arrays.fill(shownHere, false);
        if (eligible != null) {
            // An ineligible action is excluded from the negatives exactly as a shown one is.
            for (int a = 0; a < actions; a++) {
                shownHere[a] = !eligible[a];
            }
        }
        for (int j = 0; j < shown.length; j++) {
            if (shown[j] < 0 || eligible != null && !eligible[shown[j]]) {
                continue; // outside the space (only possible outside training), or never to be recommended
            }
            shownHere[shown[j]] = true;
            add(batchRow, shown[j], accepted[j] ? 1 : 0, 1);
        }
        int unshown = 0;
        for (boolean b : shownHere) {
            unshown += b ? 0 : 1;
        }
        if (unshown == 0 || options.negativeWeight() == 0) {
            return;
        }
        if (options.negatives() == RankingTrainer.Options.ALL_UNSHOWN) {
            for (int a = 0; a < actions; a++) {
                if (!shownHere[a]) {
                    add(batchRow, a, 0, options.negativeWeight());
                }
            }
            return;
        }
        // Drawn with replacement among the unshown: cheap, and with a couple of dozen actions repeats are rare.
        for (int k = 0; k < options.negatives(); k++) {
            int a;
            do {
                a = rng.nextInt(actions);
            } while (shownHere[a]);
            add(batchRow, a, 0, options.negativeWeight());
        }
    }

    LossValue loss(INDArray logits) {
        return CandidateBce.compute(logits, Arrays.copyOf(row, n), Arrays.copyOf(col, n), Arrays.copyOf(target, n),
                Arrays.copyOf(weight, n));
    }

    private void add(int r, int c, double y, double w) {
        if (n == row.length) {
            row = Arrays.copyOf(row, 2 * n);
            col = Arrays.copyOf(col, 2 * n);
            target = Arrays.copyOf(target, 2 * n);
            weight = Arrays.copyOf(weight, 2 * n);
        }
        row[n] = r;
        col[n] = c;
        target[n] = y;
        weight[n] = w;
        n++;
    }
}
