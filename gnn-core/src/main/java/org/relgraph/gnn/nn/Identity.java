package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Passes values through; stands in for "no activation" so callers need no null checks. */
public final class Identity extends Layer {
    @Override
    public INDArray forward(INDArray x) {
        return x;
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        return gradOut;
    }
}
