package org.relgraph.gnn.nn.loss;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dot-product scores of each entity against its positive candidate (column 0) and its k sampled
 * negatives (columns 1..k), and the chain rule from score gradients back to the embeddings.
 */
final class RankingScores {
    private RankingScores() {}

    /** @return [n, 1 + k] */
    static INDArray scores(INDArray entity, INDArray positive, INDArray negatives) {
        check(entity, positive, negatives);
        long n = entity.size(0);
        long d = entity.size(1);
        INDArray pos = entity.mul(positive).sum(true, 1);
        // [n, k, d] · [n, d, 1] batched as broadcast-multiply and reduce over d.
        INDArray neg = negatives.mul(entity.reshape(n, 1, d)).sum(2);
        return Nd4j.hstack(pos, neg);
    }

    /** Turns dLoss/dScores [n, 1 + k] into gradients for entity, positive and negatives. */
    static RankingLossValue backward(double value, INDArray gradScores, INDArray entity, INDArray positive,
                                     INDArray negatives) {
        long n = entity.size(0);
        long k = negatives.size(1);
        long d = entity.size(1);
        INDArray gPos = gradScores.getColumn(0, true).dup(); // [n, 1]
        INDArray gNeg = gradScores.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 1 + k)).dup(); // [n, k]
        INDArray gEntity = positive.mulColumnVector(gPos)
                .addi(negatives.mul(gNeg.reshape(n, k, 1)).sum(1));
        INDArray gPositive = entity.mulColumnVector(gPos);
        INDArray gNegatives = entity.reshape(n, 1, d).mul(gNeg.reshape(n, k, 1));
        return new RankingLossValue(value, gEntity, gPositive, gNegatives);
    }

    private static void check(INDArray entity, INDArray positive, INDArray negatives) {
        if (!Arrays.equals(entity.shape(), positive.shape()) || negatives.rank() != 3
                || negatives.size(0) != entity.size(0) || negatives.size(2) != entity.size(1)) {
            throw new IllegalArgumentException("expected entity [n, d], positive [n, d], negatives [n, k, d]; got "
                    + Arrays.toString(entity.shape()) + ", " + Arrays.toString(positive.shape()) + ", "
                    + Arrays.toString(negatives.shape()));
        }
    }
}
