package org.relgraph.gnn.nn.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the loss classes. */
final class Losses {
    private Losses() {}

    static void requireSameShape(INDArray predictions, INDArray targets) {
        if (!Arrays.equals(predictions.shape(), targets.shape())) {
            throw new IllegalArgumentException("predictions " + Arrays.toString(predictions.shape())
                    + " and targets " + Arrays.toString(targets.shape()) + " differ in shape");
        }
    }
}
