package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.Matrices;

/**
 * Listwise softmax cross-entropy over all actions of a row: {@code -Σ_a t[i, a] log softmax(z_i)_a}, where the
 * target row {@code t_i} is a distribution over the actions (e.g. uniform over the accepted ones). Rows whose target
 * sums to zero (nothing accepted) are left out — they carry no ranking information — and get a zero gradient. The
 * value is the mean over the rows kept; a batch with none has loss 0 and a zero gradient.
 */
public final class ListwiseSoftmax {
    private ListwiseSoftmax() {
    }

    /**
     * @param logits  [n, actions]
     * @param targets [n][actions], non-negative; each row is normalised to sum 1 (all-zero rows are skipped)
     */
    public static LossValue compute(INDArray logits, double[][] targets) {
        double[][] z = Matrices.rows(logits);
        if (targets.length != z.length) {
            throw new IllegalArgumentException(targets.length + " target rows for " + z.length + " logit rows");
        }
        int cols = z.length == 0 ? 0 : z[0].length;
        double[][] g = new double[z.length][cols];
        int kept = 0;
        for (double[] t : targets) {
            if (t.length != cols) {
                throw new IllegalArgumentException("target row of " + t.length + " for " + cols + " actions");
            }
            double s = 0;
            for (double v : t) {
                if (v < 0) {
                    throw new IllegalArgumentException("negative target " + v);
                }
                s += v;
            }
            kept += s > 0 ? 1 : 0;
        }
        if (kept == 0) {
            return new LossValue(0, Nd4j.create(g).castTo(logits.dataType()));
        }
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            double s = 0;
            for (double v : targets[i]) {
                s += v;
            }
            if (!(s > 0)) {
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double v : z[i]) {
                max = Math.max(max, v);
            }
            double sumExp = 0;
            for (double v : z[i]) {
                sumExp += Math.exp(v - max);
            }
            double logSumExp = max + Math.log(sumExp);
            for (int a = 0; a < cols; a++) {
                double t = targets[i][a] / s;
                double logP = z[i][a] - logSumExp;
                loss -= t * logP;
                g[i][a] = (Math.exp(logP) - t) / kept;
            }
        }
        return new LossValue(loss / kept, Nd4j.create(g).castTo(logits.dataType()));
    }
}
