package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Copies ND4J matrices into Java arrays in one bulk copy.
 *
 * <p>Why not {@code INDArray.toDoubleMatrix()}: in ND4J 1.0.0-M2.1 it builds a row view per row, and each view
 * allocates native shape information that javacpp registers (checking the process's physical memory each time). In a
 * profile of scoring it was a quarter of the main thread's time: 512 views per batch to read 512 numbers.
 */
public final class Matrices {
    private Matrices() {
    }

    /** The elements of {@code m} as doubles in row-major order. */
    public static double[] rowMajor(INDArray m) {
        if (m.length() == 0) {
            return new double[0];
        }
        return m.castTo(DataType.DOUBLE).dup('c').data().asDouble();
    }

    /** A [rows][cols] copy of the matrix {@code m}: the values {@code toDoubleMatrix()} gives, without its cost. */
    public static double[][] rows(INDArray m) {
        if (m.rank() != 2) {
            throw new IllegalArgumentException("a matrix is rank 2, got shape " + java.util.Arrays.toString(m.shape()));
        }
        int n = (int) m.rows();
        int cols = (int) m.columns();
        double[] flat = rowMajor(m);
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * cols, (i + 1) * cols);
        }
        return out;
    }
}
