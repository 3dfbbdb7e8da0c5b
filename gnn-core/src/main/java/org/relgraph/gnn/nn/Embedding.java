package org.relgraph.gnn.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A table of learned rows looked up by integer code (e.g. a categorical column's dictionary code). */
public final class Embedding extends Module {
    private final Parameter table;
    private int[] codes;

    public Embedding(String name, int numCodes, int dim, DataType dtype, SplittableRandom rng) {
        this.table = addParameter(new Parameter(name + ".table", WeightInit.EMBEDDING_NORMAL.matrix(numCodes, dim, dtype, rng)));
    }

    public Parameter table() {
        return table;
    }

    /** @return [codes.length, dim] */
    public INDArray forward(int[] codes) {
        this.codes = codes;
        return RowKernels.gather(table.value(), codes, null);
    }

    /**
     * {@code into += forward(codes)} bit for bit, without the looked-up rows' own array and the native add over it;
     * the same cache for {@link #backward}.
     *
     * @param into [codes.length, dim], dense, added into in place
     */
    public void forwardAddInto(int[] codes, INDArray into) {
        if (!RowKernels.isDense(into)) {
            into.addi(forward(codes));
            return;
        }
        this.codes = codes;
        RowKernels.gatherAddInto(table.value(), codes, into);
    }

    /** Adds each gradient row into the row of the code that produced it; codes have no input gradient. */
    public void backward(INDArray gradOut) {
        if (codes == null) {
            throw backwardBeforeForward(this);
        }
        table.accumulateGrad(RowKernels.groupSum(gradOut, null, Grouping.byKey(codes, (int) table.value().size(0)), null));
    }
}
