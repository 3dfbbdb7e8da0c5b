package org.relgraph.gnn.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row-at-a-time reads and writes of a 2-d FLOAT or DOUBLE array's off-heap buffer as double[],
 * so row-wise kernels (LayerNorm, activations) are written once and still run at memory speed.
 * Each {@link Cursor} owns a scratch row: use one cursor per thread.
 */
final class RowAccess {
    private final INDArray array;
    private final int cols;
    private final FloatBuffer floats;
    private final DoubleBuffer doubles;

    RowAccess(INDArray array) {
        this.array = RowKernels.contiguous(array);
        this.cols = (int) this.array.size(1);
        if (this.array.dataType() == DataType.FLOAT) {
            floats = this.array.data().asNioFloat();
            doubles = null;
        } else if (this.array.dataType() == DataType.DOUBLE) {
            floats = null;
            doubles = this.array.data().asNioDouble();
        } else {
            throw new IllegalArgumentException("row kernels support FLOAT and DOUBLE, got " + array.dataType());
        }
    }

    /** A new uninitialised array shaped and typed like {@code like}, ready to be written row by row. */
    static RowAccess allocateLike(INDArray like) {
        return new RowAccess(Nd4j.createUninitialized(like.dataType(), like.size(0), like.size(1)));
    }

    INDArray array() {
        return array;
    }

    int rows() {
        return (int) array.size(0);
    }

    int cols() {
        return cols;
    }

    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {
        private final float[] scratch = floats == null ? null : new float[cols];

        void read(int row, double[] dst) {
            if (floats != null) {
                floats.get(row * cols, scratch);
                for (int j = 0; j < cols; j++) {
                    dst[j] = scratch[j];
                }
            } else {
                doubles.get(row * cols, dst);
            }
        }

        void write(int row, double[] src) {
            if (floats != null) {
                for (int j = 0; j < cols; j++) {
                    scratch[j] = (float) src[j];
                }
                floats.put(row * cols, scratch);
            } else {
                doubles.put(row * cols, src);
            }
        }
    }
}
