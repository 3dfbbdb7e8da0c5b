package org.relgraph.gnn.encode;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Encoded rows, written into a Java array, handed to ND4J as a FLOAT matrix with one bulk copy.
 *
 * <p>Why not {@code Nd4j.create(float[], shape, FLOAT)}: in ND4J 1.0.0-M2.1 it fills the off-heap buffer one element
 * at a time through an indexer, which was the largest single cost of batch assembly in a profile of scoring (about
 * 40 % of the prefetch thread's samples).
 */
final class FloatRows {
    private FloatRows() {
    }

    /** @return a [rows, cols] c-ordered FLOAT array holding {@code rowMajor} */
    static INDArray matrix(float[] rowMajor, int rows, int cols) {
        if ((long) rows * cols != rowMajor.length) {
            throw new IllegalArgumentException(rows + " x " + cols + " does not match " + rowMajor.length + " values");
        }
        INDArray out = Nd4j.createUninitializedDetached(DataType.FLOAT, rows, cols);
        if (rowMajor.length > 0) {
            out.data().asNioFloat().put(rowMajor, 0, rowMajor.length);
        }
        return out;
    }
}
