package org.relgraph.gnn.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row gather and grouped row sums written as plain Java loops over the arrays' off-heap buffers.
 *
 * <p>ND4J's segment and scatter ops run at ~30 M elements/s on this CPU; these memory-bound loops
 * are an order of magnitude faster. Work is split over output rows only, every output row is
 * produced by one thread in a fixed order, so results do not depend on the thread count.
 */
final class RowKernels {
    /** Below this many output elements the fork/join overhead outweighs a second core. */
    private static final long PARALLEL_THRESHOLD = 1 << 15;
    private static final int ROWS_PER_TASK_MIN = 64;

    private RowKernels() {}

    /** out[i] = x[index[i]] * (rowScale == null ? 1 : rowScale[index[i]]). */
    static INDArray gather(INDArray x, int[] index, double[] rowScale) {
        INDArray src = contiguous(x);
        int n = (int) src.size(0);
        int f = (int) src.size(1);
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= n) {
                throw new IndexOutOfBoundsException("index " + index[i] + " at " + i + " not in [0, " + n + ")");
            }
        }
        INDArray out = Nd4j.createUninitialized(src.dataType(), index.length, f);
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer in = src.data().asNioFloat();
            FloatBuffer o = out.data().asNioFloat();
            forRows(index.length, (long) f, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int s = index[i];
                    float c = rowScale == null ? 1f : (float) rowScale[s];
                    int so = s * f;
                    int oo = i * f;
                    for (int j = 0; j < f; j++) {
                        o.put(oo + j, in.get(so + j) * c);
                    }
                }
            });
        } else {
            requireDouble(src);
            DoubleBuffer in = src.data().asNioDouble();
            DoubleBuffer o = out.data().asNioDouble();
            forRows(index.length, (long) f, (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int s = index[i];
                    double c = rowScale == null ? 1.0 : rowScale[s];
                    int so = s * f;
                    int oo = i * f;
                    for (int j = 0; j < f; j++) {
                        o.put(oo + j, in.get(so + j) * c);
                    }
                }
            });
        }
        return out;
    }

    /**
     * out[g] = groupScale[g] * Σ_{k in group g} x[row(k)], where row(k) = index[k] if index is
     * given (fused gather) else k. Empty groups give zero rows.
     */
    static INDArray groupSum(INDArray x, int[] index, Grouping groups, double[] groupScale) {
        INDArray src = contiguous(x);
        int f = (int) src.size(1);
        int numGroups = groups.numGroups();
        INDArray out = Nd4j.createUninitialized(src.dataType(), numGroups, f);
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer in = src.data().asNioFloat();
            FloatBuffer o = out.data().asNioFloat();
            forRows(numGroups, (long) f * Math.max(1, groups.numMembers() / Math.max(1, numGroups)), (lo, hi) -> {
                float[] acc = new float[f];
                for (int g = lo; g < hi; g++) {
                    java.util.Arrays.fill(acc, 0f);
                    for (int k = groups.begin(g), end = groups.end(g); k < end; k++) {
                        int m = groups.member(k);
                        int ro = (index == null ? m : index[m]) * f;
                        for (int j = 0; j < f; j++) {
                            acc[j] += in.get(ro + j);
                        }
                    }
                    float c = groupScale == null ? 1f : (float) groupScale[g];
                    int oo = g * f;
                    for (int j = 0; j < f; j++) {
                        o.put(oo + j, acc[j] * c);
                    }
                }
            });
        } else {
            requireDouble(src);
            DoubleBuffer in = src.data().asNioDouble();
            DoubleBuffer o = out.data().asNioDouble();
            forRows(numGroups, (long) f * Math.max(1, groups.numMembers() / Math.max(1, numGroups)), (lo, hi) -> {
                double[] acc = new double[f];
                for (int g = lo; g < hi; g++) {
                    java.util.Arrays.fill(acc, 0.0);
                    for (int k = groups.begin(g), end = groups.end(g); k < end; k++) {
                        int m = groups.member(k);
                        int ro = (index == null ? m : index[m]) * f;
                        for (int j = 0; j < f; j++) {
                            acc[j] += in.get(ro + j);
                        }
                    }
                    double c = groupScale == null ? 1.0 : groupScale[g];
                    int oo = g * f;
                    for (int j = 0; j < f; j++) {
                        o.put(oo + j, acc[j] * c);
                    }
                }
            });
        }
        return out;
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int lo, int hi);
    }

    private static void forRows(int rows, long workPerRow, RowRange body) {
        long work = rows * workPerRow;
        int tasks = Math.min(Runtime.getRuntime().availableProcessors() * 4, Math.max(1, rows / ROWS_PER_TASK_MIN));
        if (work < PARALLEL_THRESHOLD || tasks <= 1) {
            body.run(0, rows);
            return;
        }
        IntStream.range(0, tasks).parallel().forEach(t -> {
            int lo = (int) ((long) rows * t / tasks);
            int hi = (int) ((long) rows * (t + 1) / tasks);
            body.run(lo, hi);
        });
    }

    /** A 2-d, row-major, offset-free array whose buffer can be indexed as row * cols + col. */
    static INDArray contiguous(INDArray x) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException("expected a 2-d array, got shape " + java.util.Arrays.toString(x.shape()));
        }
        boolean plain = x.ordering() == 'c' && !x.isView() && x.offset() == 0 && x.data().length() == x.length();
        return plain ? x : x.dup('c');
    }

    private static void requireDouble(INDArray x) {
        if (x.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("row kernels support FLOAT and DOUBLE, got " + x.dataType());
        }
    }
}
