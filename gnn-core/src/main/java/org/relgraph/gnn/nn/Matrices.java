package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies ND4J matrices into Java arrays in one bulk copy, and reads columns of such arrays.
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

    /**
     * Column 0 of per-example outputs ({@code rows[i][0]}): what a binary model's probability or a regression's
     * value is in the [examples][outputs] arrays that {@code Trainer.predict} returns.
     */
    public static double[] firstColumn(double[][] rows) {
        double[] c = new double[rows.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = rows[i][0];
        }
        return c;
    }

    /**
     * A new [rows, cols] array (in the current workspace, if any) each of whose rows is the [1, cols] {@code row}:
     * written from Java in bulk, with no native op and none of the shape information a broadcast op allocates.
     */
    public static INDArray repeatRow(INDArray row, long rows) {
        if (row.rank() != 2 || row.size(0) != 1) {
            throw new IllegalArgumentException("a row is [1, cols], got shape " + java.util.Arrays.toString(row.shape()));
        }
        int cols = (int) row.size(1);
        INDArray out = Nd4j.createUninitialized(row.dataType(), rows, cols);
        if (row.dataType() == DataType.FLOAT) {
            float[] r = row.toFloatVector();
            java.nio.FloatBuffer b = out.data().asNioFloat();
            for (int i = 0; i < rows; i++) {
                b.put(i * cols, r);
            }
        } else if (row.dataType() == DataType.DOUBLE) {
            double[] r = row.toDoubleVector();
            java.nio.DoubleBuffer b = out.data().asNioDouble();
            for (int i = 0; i < rows; i++) {
                b.put(i * cols, r);
            }
        } else {
            throw new IllegalArgumentException("repeatRow supports FLOAT and DOUBLE, got " + row.dataType());
        }
        return out;
    }

    /** Whether {@code m} is a matrix laid out row after row with no gaps, so BLAS can write into it directly. */
    public static boolean isPlainRowMajor(INDArray m) {
        return m.rank() == 2 && m.ordering() == 'c' && (m.size(1) == 1 || m.stride(1) == 1)
                && (m.size(0) == 1 || m.stride(0) == m.size(1));
    }
}
