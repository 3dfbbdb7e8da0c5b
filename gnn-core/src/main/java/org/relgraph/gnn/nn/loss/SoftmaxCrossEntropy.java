package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Mean over rows of -log softmax(logits)[label]. */
public final class SoftmaxCrossEntropy {
    /**
     * @param logits [n, C]
     * @param labels length n, class ids in [0, C)
     */
    public LossValue compute(INDArray logits, int[] labels) {
        int n = (int) logits.size(0);
        int classes = (int) logits.size(1);
        if (labels.length != n) {
            throw new IllegalArgumentException(n + " rows of logits but " + labels.length + " labels");
        }
        INDArray oneHot = Nd4j.zeros(logits.dataType(), n, classes);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("label " + labels[i] + " at row " + i + " not in [0, " + classes + ")");
            }
            oneHot.putScalar(i, labels[i], 1.0);
        }
        return SoftmaxCrossEntropy.withTargets(logits, oneHot);
    }

    /** Cross-entropy against a target distribution per row (rows of {@code targets} sum to 1). */
    static LossValue withTargets(INDArray logits, INDArray targets) {
        int n = (int) logits.size(0);
        // Shift by the row max so exp never overflows.
        INDArray shifted = logits.subColumnVector(logits.max(true, 1));
        INDArray logSumExp = Transforms.log(Transforms.exp(shifted, true).sum(true, 1), false);
        INDArray logProb = shifted.subiColumnVector(logSumExp);
        INDArray logLikelihoods = logProb.mul(targets);
        double value = -logLikelihoods.sumNumber().doubleValue() / n;
        INDArray grad = Transforms.exp(logProb, false).subi(targets).divi(n);
        return new LossValue(value, grad, logLikelihoods.sum(1).negi());
    }
}
