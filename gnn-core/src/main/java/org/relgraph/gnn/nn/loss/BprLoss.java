package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Bayesian personalised ranking: mean over entities and sampled negatives of
 * -log σ(score(positive) - score(negative)), scores = dot products.
 */
public final class BprLoss {
    public RankingLossValue compute(INDArray entity, INDArray positive, INDArray negatives) {
        INDArray s = RankingScores.scores(entity, positive, negatives);
        long n = s.size(0);
        long k = s.size(1) - 1;
        INDArray pos = s.getColumn(0, true);
        INDArray neg = s.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 1 + k));
        INDArray margin = neg.rsubColumnVector(pos); // pos - neg, [n, k]
        double count = (double) n * k;
        double value = Losses.softplus(margin.neg()).sumNumber().doubleValue() / count;
        // d/d margin of softplus(-m) = -σ(-m)
        INDArray gMargin = Transforms.sigmoid(margin.neg(), false).negi().divi(count);
        INDArray gScores = Nd4j.hstack(gMargin.sum(true, 1), gMargin.neg());
        return RankingScores.backward(value, gScores, entity, positive, negatives);
    }
}
