package org.relgraph.gnn.nn.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Pieces shared by the loss classes. */
final class Losses {
    private Losses() {}

    static void requireSameShape(INDArray predictions, INDArray targets) {
        if (!Arrays.equals(predictions.shape(), targets.shape())) {
            throw new IllegalArgumentException("predictions " + Arrays.toString(predictions.shape())
                    + " and targets " + Arrays.toString(targets.shape()) + " differ in shape");
        }
    }

    /**
     * Each row's loss from the per-element losses of a loss that is their mean: the row's mean ([n, k] → [n]), or
     * the elements themselves when each is a row (rank 1).
     */
    static INDArray rowMeans(INDArray perElement) {
        return perElement.rank() < 2 ? perElement : perElement.sum(1).divi(perElement.size(1));
    }

    /** log(1 + e^x) as max(x, 0) + log1p(e^-|x|): ND4J's softPlus returned +inf at x = 1000. */
    static INDArray softplus(INDArray x) {
        INDArray tail = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        return Transforms.relu(x, true).addi(tail);
    }
}
