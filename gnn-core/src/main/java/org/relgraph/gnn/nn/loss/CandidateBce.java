package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.Matrices;

/**
 * Binary cross-entropy on chosen cells of a score matrix: entity i's candidate action j with a target in [0, 1] and
 * a weight. The value is Σ w·bce / Σ w, so the weights only say how much each candidate counts relative to the
 * others; cells no candidate names get a zero gradient. A cell named twice (the same action shown twice in a
 * window) counts twice.
 */
public final class CandidateBce {
    private CandidateBce() {
    }

    /**
     * @param logits [n, actions]
     * @param row    per candidate, its row in {@code logits}
     * @param col    per candidate, its action column
     */
    public static LossValue compute(INDArray logits, int[] row, int[] col, double[] target, double[] weight) {
        if (row.length != col.length || row.length != target.length || row.length != weight.length) {
            throw new IllegalArgumentException("candidate arrays must align");
        }
        double[][] z = Matrices.rows(logits);
        double[][] g = new double[z.length][z.length == 0 ? 0 : z[0].length];
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("candidate weights sum to " + total + "; nothing to learn from");
        }
        double loss = 0;
        for (int k = 0; k < row.length; k++) {
            double v = z[row[k]][col[k]];
            double y = target[k];
            // -[y log σ(v) + (1-y) log(1-σ(v))] = softplus(v) - y·v, stable for large |v|.
            double softplus = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
            loss += weight[k] * (softplus - y * v);
            g[row[k]][col[k]] += weight[k] * (1 / (1 + Math.exp(-v)) - y) / total;
        }
        return new LossValue(loss / total, Nd4j.create(g).castTo(logits.dataType()));
    }
}
