package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Mean squared error. */
public final class L2Loss {
    public LossValue compute(INDArray predictions, INDArray targets) {
        Losses.requireSameShape(predictions, targets);
        INDArray diff = predictions.sub(targets);
        long n = diff.length();
        INDArray squares = diff.mul(diff);
        double value = squares.sumNumber().doubleValue() / n;
        return new LossValue(value, diff.muli(2.0 / n), Losses.rowMeans(squares));
    }
}
