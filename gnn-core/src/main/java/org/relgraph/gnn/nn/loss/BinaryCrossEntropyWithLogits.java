package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean of -[w·y·log σ(z) + (1-y)·log(1-σ(z))] over all elements, w = positive-class weight
 * (values above 1 counter class imbalance, as PyTorch's {@code pos_weight}).
 */
public final class BinaryCrossEntropyWithLogits {
    private final double positiveWeight;

    public BinaryCrossEntropyWithLogits(double positiveWeight) {
        if (!(positiveWeight > 0)) {
            throw new IllegalArgumentException("positive weight must be > 0, got " + positiveWeight);
        }
        this.positiveWeight = positiveWeight;
    }

    public BinaryCrossEntropyWithLogits() {
        this(1.0);
    }

    /**
     * @param logits  any shape
     * @param targets same shape, values in [0, 1]
     */
    public LossValue compute(INDArray logits, INDArray targets) {
        Losses.requireSameShape(logits, targets);
        // -log σ(z) = softplus(-z), -log(1-σ(z)) = softplus(z): stable for large |z|.
        INDArray spNeg = Losses.softplus(logits.neg());
        INDArray spPos = Losses.softplus(logits);
        INDArray perElem = spNeg.mul(targets).muli(positiveWeight).addi(spPos.muli(targets.rsub(1)));
        long n = logits.length();
        // d/dz = w·y·(σ(z) - 1) + (1-y)·σ(z)
        INDArray sig = Transforms.sigmoid(logits, true);
        INDArray grad = sig.sub(1).muli(targets).muli(positiveWeight).addi(sig.muli(targets.rsub(1))).divi(n);
        return new LossValue(perElem.sumNumber().doubleValue() / n, grad, Losses.rowMeans(perElem));
    }
}
