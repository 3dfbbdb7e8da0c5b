package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Mean absolute error; the gradient at exactly zero error is taken as 0. */
public final class L1Loss {
    public LossValue compute(INDArray predictions, INDArray targets) {
        Losses.requireSameShape(predictions, targets);
        INDArray diff = predictions.sub(targets);
        long n = diff.length();
        INDArray abs = Transforms.abs(diff, true);
        double value = abs.sumNumber().doubleValue() / n;
        return new LossValue(value, Transforms.sign(diff, false).divi(n), Losses.rowMeans(abs));
    }
}
