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
        if (src.length != dst.length) {
            throw new IllegalArgumentException(src.length + " edge sources but " + dst.length + " edge destinations");
        }
        Grouping byDst = Grouping.byKey(dst, numDst);
        this.src = src;
        this.dst = dst;
        this.numSrc = (int) xSrc.size(0);
        this.scale = aggregation.destinationScale(byDst);
        return RowKernels.groupSum(xSrc, src, byDst, scale);
    }

    /** @return [numSrc, F]: each source row receives the (scaled) gradients of all destinations it feeds. */
    public INDArray backward(INDArray gradOut) {
        if (src == null) {
            throw backwardBeforeForward(this);
        }
        INDArray scaled = gradOut;
        if (scale != null) {
            scaled = gradOut.mulColumnVector(Nd4j.createFromArray(scale).castTo(gradOut.dataType()).reshape(scale.length, 1));
        }
        return RowKernels.groupSum(scaled, dst, Grouping.byKey(src, numSrc), null);
    }
}
