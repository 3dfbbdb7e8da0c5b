package org.relgraph.gnn.nn;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Gather} followed by {@link SegmentAggregate}, fused: destination rows are summed straight
 * from source rows, so the [numEdges, F] message matrix is never materialised (forward or backward).
 */
public final class NeighborAggregate extends Module {
    private final Aggregation aggregation;
    private int[] src;
    private int[] dst;
    private int numSrc = -1;
    private double[] scale;
    private double[] weights;
    private INDArray lastSrc;
    private double[] weightGradient;

    public NeighborAggregate(Aggregation aggregation) {
        this.aggregation = Objects.requireNonNull(aggregation);
    }

    /**
     * @param xSrc [numSrc, F] source node rows
     * @param src  per edge, source row
     * @param dst  per edge, destination row in [0, numDst)
     * @return [numDst, F] aggregated neighbour rows
     */
    public INDArray forward(INDArray xSrc, int[] src, int[] dst, int numDst) {
        return forward(xSrc, src, dst, numDst, null);
    }

    /**
     * The same with each edge's message scaled by {@code weights[e]} (null: all 1); a mean still divides by the
     * in-degree, so weight 0 removes an edge's message but not its count. The weighted path materialises the
     * [numEdges, F] messages: it serves explanations, not training.
     */
    public INDArray forward(INDArray xSrc, int[] src, int[] dst, int numDst, double[] weights) {
        if (src.length != dst.length) {
            throw new IllegalArgumentException(src.length + " edge sources but " + dst.length + " edge destinations");
        }
        Grouping byDst = Grouping.byKey(dst, numDst);
        this.src = src;
        this.dst = dst;
        this.numSrc = (int) xSrc.size(0);
        this.scale = aggregation.destinationScale(byDst);
        this.weights = weights;
        this.weightGradient = null;
        if (weights == null) {
            this.lastSrc = null;
            return RowKernels.groupSum(xSrc, src, byDst, scale);
        }
        this.lastSrc = xSrc;
        INDArray messages = RowKernels.gather(xSrc, src, null).muliColumnVector(column(weights, xSrc));
        return RowKernels.groupSum(messages, null, byDst, scale);
    }

    private static INDArray column(double[] v, INDArray like) {
        return Nd4j.createFromArray(v).castTo(like.dataType()).reshape(v.length, 1);
    }

    /** After a weighted {@link #backward}: dLoss/dWeight per edge; null after an unweighted one. */
    public double[] weightGradient() {
        return weightGradient;
    }

    /**
     * {@link #backward} added into {@code srcGradSum} ([numSrc, F], dense, of gradOut's type, owned by the caller)
     * without a [numSrc, F] array of its own, bit for bit what {@code srcGradSum.addi(backward(gradOut))} gives.
     * After a weighted or scaled (MEAN) forward, or when {@code srcGradSum} is not such an array, it does not add:
     * it returns {@link #backward}'s own array for the caller to add.
     *
     * @return {@code srcGradSum} when added into it, else dLoss/dxSrc in an array of its own
     */
    public INDArray backwardInto(INDArray gradOut, INDArray srcGradSum) {
        if (src == null) {
            throw backwardBeforeForward(this);
        }
        if (weights != null || scale != null || !RowKernels.isDense(srcGradSum) || srcGradSum.size(0) != numSrc
                || srcGradSum.size(1) != gradOut.size(1) || srcGradSum.dataType() != gradOut.dataType()) {
            return backward(gradOut);
        }
        RowKernels.groupSumInto(gradOut, dst, Grouping.byKey(src, numSrc), srcGradSum);
        return srcGradSum;
    }

    /** @return [numSrc, F]: each source row receives the (scaled) gradients of all destinations it feeds. */
    public INDArray backward(INDArray gradOut) {
        if (src == null) {
            throw backwardBeforeForward(this);
        }
        if (weights != null) {
            // message e = w_e · x[src_e] reaches dst_e scaled by scale[dst_e]
            INDArray gradMessages = RowKernels.gather(gradOut, dst, scale);
            INDArray perEdge = gradMessages.mul(RowKernels.gather(lastSrc, src, null)).sum(1);
            weightGradient = perEdge.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
            return RowKernels.groupSum(gradMessages.muliColumnVector(column(weights, gradMessages)), null,
                    Grouping.byKey(src, numSrc), null);
        }
        INDArray scaled = gradOut;
        if (scale != null) {
            scaled = gradOut.mulColumnVector(Nd4j.createFromArray(scale).castTo(gradOut.dataType()).reshape(scale.length, 1));
        }
        return RowKernels.groupSum(scaled, dst, Grouping.byKey(src, numSrc), null);
    }
}
