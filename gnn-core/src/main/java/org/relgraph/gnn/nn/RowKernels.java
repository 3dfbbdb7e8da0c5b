package org.relgraph.gnn.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Row gather and grouped row sums written as plain Java loops over the arrays' off-heap buffers.
 *
 * <p>ND4J's segment and scatter ops run at ~30 M elements/s on this CPU. Rows move with bulk
 * (memcpy) buffer transfers into small Java arrays, where the arithmetic vectorises; per-element
 * FloatBuffer get/put made a [10240, 128] aggregate forward+backward ~6x slower. Work is split
 * over output rows only and every output row is produced by one thread in a fixed order, so
 * results do not depend on the thread count.
 */
final class RowKernels {
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
                float[] row = new float[f];
                for (int i = lo; i < hi; i++) {
                    int s = index[i];
                    in.get(s * f, row);
                    if (rowScale != null) {
                        float c = (float) rowScale[s];
                        for (int j = 0; j < f; j++) {
                            row[j] *= c;
                        }
                    }
                    o.put(i * f, row);
                }
            });
        } else {
            requireDouble(src);
            DoubleBuffer in = src.data().asNioDouble();
            DoubleBuffer o = out.data().asNioDouble();
            forRows(index.length, (long) f, (lo, hi) -> {
                double[] row = new double[f];
                for (int i = lo; i < hi; i++) {
                    int s = index[i];
                    in.get(s * f, row);
                    if (rowScale != null) {
                        double c = rowScale[s];
                        for (int j = 0; j < f; j++) {
                            row[j] *= c;
                        }
                    }
                    o.put(i * f, row);
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
                float[] row = new float[f];
                for (int g = lo; g < hi; g++) {
                    java.util.Arrays.fill(acc, 0f);
                    for (int k = groups.begin(g), end = groups.end(g); k < end; k++) {
                        int m = groups.member(k);
                        in.get((index == null ? m : index[m]) * f, row);
                        for (int j = 0; j < f; j++) {
                            acc[j] += row[j];
                        }
                    }
                    if (groupScale != null) {
                        float c = (float) groupScale[g];
                        for (int j = 0; j < f; j++) {
                            acc[j] *= c;
                        }
                    }
                    o.put(g * f, acc);
                }
            });
        } else {
            requireDouble(src);
            DoubleBuffer in = src.data().asNioDouble();
            DoubleBuffer o = out.data().asNioDouble();
            forRows(numGroups, (long) f * Math.max(1, groups.numMembers() / Math.max(1, numGroups)), (lo, hi) -> {
                double[] acc = new double[f];
                double[] row = new double[f];
                for (int g = lo; g < hi; g++) {
                    java.util.Arrays.fill(acc, 0.0);
                    for (int k = groups.begin(g), end = groups.end(g); k < end; k++) {
                        int m = groups.member(k);
                        in.get((index == null ? m : index[m]) * f, row);
                        for (int j = 0; j < f; j++) {
                            acc[j] += row[j];
                        }
                    }
                    if (groupScale != null) {
                        double c = (double) groupScale[g];
                        for (int j = 0; j < f; j++) {
                            acc[j] *= c;
                        }
                    }
                    o.put(g * f, acc);
                }
            });
        }
        return out;
    }

    /**
     * target[i] += x[index[i]]: {@link #gather} added into an existing dense array of the same type, with no array of
     * its own; each element is one add in the arrays' type, so the bits are those of
     * {@code target.addi(gather(x, index, null))}.
     */
    static void gatherAddInto(INDArray x, int[] index, INDArray target) {
        INDArray src = contiguous(x);
        int n = (int) src.size(0);
        int f = (int) src.size(1);
        if (!isDense(target) || target.size(0) != index.length || target.size(1) != f
                || target.dataType() != src.dataType()) {
            throw new IllegalArgumentException("cannot add " + index.length + "x" + f + " " + src.dataType()
                    + " gathered rows into " + java.util.Arrays.toString(target.shape()) + " " + target.dataType());
        }
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= n) {
                throw new IndexOutOfBoundsException("index " + index[i] + " at " + i + " not in [0, " + n + ")");
            }
        }
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer in = src.data().asNioFloat();
            FloatBuffer o = target.data().asNioFloat();
            forRows(index.length, 2L * f, (lo, hi) -> {
                float[] row = new float[f];
                float[] acc = new float[f];
                for (int i = lo; i < hi; i++) {
                    in.get(index[i] * f, row);
                    o.get(i * f, acc);
                    for (int j = 0; j < f; j++) {
                        acc[j] += row[j];
                    }
                    o.put(i * f, acc);
                }
            });
        } else {
            requireDouble(src);
            DoubleBuffer in = src.data().asNioDouble();
            DoubleBuffer o = target.data().asNioDouble();
            forRows(index.length, 2L * f, (lo, hi) -> {
                double[] row = new double[f];
                double[] acc = new double[f];
                for (int i = lo; i < hi; i++) {
                    in.get(index[i] * f, row);
                    o.get(i * f, acc);
                    for (int j = 0; j < f; j++) {
                        acc[j] += row[j];
                    }
                    o.put(i * f, acc);
                }
            });
        }
    }

    /**
     * target[g] += Σ_{k in group g} x[index[k]]: {@link #groupSum} without a scale, added into an existing dense
     * array of the same type instead of a new one. Each group's sum is formed from zero first and then added, so the
     * result equals {@code target.addi(groupSum(x, index, groups, null))} bit for bit.
     */
    static void groupSumInto(INDArray x, int[] index, Grouping groups, INDArray target) {
        INDArray src = contiguous(x);
        int f = (int) src.size(1);
        int numGroups = groups.numGroups();
        if (!isDense(target) || target.size(0) != numGroups || target.size(1) != f
                || target.dataType() != src.dataType()) {
            throw new IllegalArgumentException("cannot add " + numGroups + "x" + f + " " + src.dataType()
                    + " group sums into " + java.util.Arrays.toString(target.shape()) + " " + target.dataType());
        }
        long work = (long) f * Math.max(1, groups.numMembers() / Math.max(1, numGroups));
        if (src.dataType() == DataType.FLOAT) {
            FloatBuffer in = src.data().asNioFloat();
            FloatBuffer o = target.data().asNioFloat();
            forRows(numGroups, work, (lo, hi) -> {
                float[] acc = new float[f];
                float[] row = new float[f];
                for (int g = lo; g < hi; g++) {
                    // Empty groups still add their zero: -0.0 + 0.0 is +0.0, as in the addi this replaces.
                    java.util.Arrays.fill(acc, 0f);
                    for (int k = groups.begin(g), end = groups.end(g); k < end; k++) {
                        in.get(index[groups.member(k)] * f, row);
                        for (int j = 0; j < f; j++) {
                            acc[j] += row[j];
                        }
                    }
                    o.get(g * f, row);
                    for (int j = 0; j < f; j++) {
                        row[j] += acc[j];
                    }
                    o.put(g * f, row);
                }
            });
        } else {
            requireDouble(src);
            DoubleBuffer in = src.data().asNioDouble();
            DoubleBuffer o = target.data().asNioDouble();
            forRows(numGroups, work, (lo, hi) -> {
                double[] acc = new double[f];
                double[] row = new double[f];
                for (int g = lo; g < hi; g++) {
                    java.util.Arrays.fill(acc, 0.0);
                    for (int k = groups.begin(g), end = groups.end(g); k < end; k++) {
                        in.get(index[groups.member(k)] * f, row);
                        for (int j = 0; j < f; j++) {
                            acc[j] += row[j];
                        }
                    }
                    o.get(g * f, row);
                    for (int j = 0; j < f; j++) {
                        row[j] += acc[j];
                    }
                    o.put(g * f, row);
                }
            });
        }
    }

    /** Whether {@code x} is a 2-d, row-major, offset-free array that owns its whole buffer. */
    static boolean isDense(INDArray x) {
        return x.rank() == 2 && x.ordering() == 'c' && !x.isView() && x.offset() == 0
                && x.data().length() == x.length();
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int lo, int hi);
    }

    private static void forRows(int rows, long workPerRow, RowRange body) {
        new RowChunks(rows, workPerRow).run((chunk, lo, hi) -> body.run(lo, hi));
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
