package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Selects rows of x by index (rows may repeat); backward scatter-adds the gradient rows back. */
public final class Gather extends Module {
    private int[] index;
    private int numRows = -1;

    /** @return [index.length, F] with row i = x[index[i]]. */
    public INDArray forward(INDArray x, int[] index) {
        this.index = index;
        this.numRows = (int) x.size(0);
        return RowKernels.gather(x, index, null);
    }

    /** @return [numRows(x), F]: each row of x receives the sum of the gradients of its copies. */
    public INDArray backward(INDArray gradOut) {
        if (index == null) {
            throw backwardBeforeForward(this);
        }
        return RowKernels.groupSum(gradOut, null, Grouping.byKey(index, numRows), null);
    }
}
