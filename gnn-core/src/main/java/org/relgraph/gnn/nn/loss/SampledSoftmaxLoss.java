package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sampled softmax for link prediction / recommendation: each entity must pick its positive
 * candidate among itself and k sampled negatives, scores = dot products (optionally divided by a
 * temperature).
 */
public final class SampledSoftmaxLoss {
    private final double temperature;

    public SampledSoftmaxLoss(double temperature) {
        if (!(temperature > 0)) {
            throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        }
        this.temperature = temperature;
    }

    public SampledSoftmaxLoss() {
        this(1.0);
    }

    public RankingLossValue compute(INDArray entity, INDArray positive, INDArray negatives) {
        INDArray logits = RankingScores.scores(entity, positive, negatives).divi(temperature);
        INDArray target = logits.ulike().assign(0);
        target.getColumn(0, true).assign(1);
        LossValue ce = SoftmaxCrossEntropy.withTargets(logits, target);
        return RankingScores.backward(ce.value(), ce.gradient().divi(temperature), entity, positive, negatives);
    }
}
