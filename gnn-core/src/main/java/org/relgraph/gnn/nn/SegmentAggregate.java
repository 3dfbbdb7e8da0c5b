package org.relgraph.gnn.nn;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Combines message rows into destination rows by a destination index (sum or mean). */
public final class SegmentAggregate extends Module {
    private final Aggregation aggregation;
    private int[] dst;
    private double[] scale;

    public SegmentAggregate(Aggregation aggregation) {
        this.aggregation = Objects.requireNonNull(aggregation);
    }

    public Aggregation aggregation() {
        return aggregation;
    }

    /**
     * @param messages [m, F]
     * @param dst      length m, destination of each message in [0, numDst)
     * @return [numDst, F]
     */
    public INDArray forward(INDArray messages, int[] dst, int numDst) {
        if (messages.size(0) != dst.length) {
            throw new IllegalArgumentException(messages.size(0) + " messages but " + dst.length + " destinations");
        }
        Grouping byDst = Grouping.byKey(dst, numDst);
        this.dst = dst;
        this.scale = aggregation.destinationScale(byDst);
        return RowKernels.groupSum(messages, null, byDst, scale);
    }

    /** @return [m, F]: each message receives its destination's gradient (divided by the in-degree for mean). */
    public INDArray backward(INDArray gradOut) {
        if (dst == null) {
            throw backwardBeforeForward(this);
        }
        return RowKernels.gather(gradOut, dst, scale);
    }
}
