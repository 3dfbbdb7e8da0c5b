package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A module with one tensor in and one tensor out. */
public abstract class Layer extends Module {
    public abstract INDArray forward(INDArray x);

    /** @return dLoss/dInput for the input of the last {@link #forward} call. */
    public abstract INDArray backward(INDArray gradOut);
}
