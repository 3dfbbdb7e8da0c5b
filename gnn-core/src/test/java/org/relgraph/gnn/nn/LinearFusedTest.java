package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link Linear}'s fused products (bias rows accumulated onto, a running sum accumulated into) give the very bits of
 * the separate gemm and add they replace, on shapes from one row to ones ND4J splits over threads.
 */
class LinearFusedTest {
    private static final int[] ROWS = {1, 7, 512, 3000};
    private static final int[] INS = {1, 16, 75, 128, 200};
    private static final int[] OUTS = {1, 33, 128};

    private static INDArray rand(SplittableRandom rng, long rows, long cols, DataType type) {
        return GradientCheck.randn(rng, (int) rows, (int) cols).muli(3).castTo(type);
    }

    private static Linear linear(int in, int out, boolean bias, DataType type, SplittableRandom rng) {
        Linear l = new Linear("l", in, out, bias, type, rng);
        if (bias) {
            l.bias().value().assign(rand(rng, 1, out, type));
        }
        return l;
    }

    @Test
    void forwardWithBiasEqualsGemmThenBroadcastAdd() {
        SplittableRandom rng = new SplittableRandom(3);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int rows : ROWS) {
                for (int in : INS) {
                    for (int out : OUTS) {
                        Linear l = linear(in, out, true, type, rng);
                        INDArray x = rand(rng, rows, in, type);
                        INDArray expected = Nd4j.gemm(x, l.weight().value(), false, false)
                                .addiRowVector(l.bias().value());
                        assertSameBits(expected, l.forward(x), type + " " + rows + "x" + in + "->" + out);
                    }
                }
            }
        }
    }

    @Test
    void forwardAddIntoEqualsAddingTheProduct() {
        SplittableRandom rng = new SplittableRandom(4);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            for (int rows : ROWS) {
                for (int in : INS) {
                    for (int out : OUTS) {
                        Linear l = linear(in, out, false, type, rng);
                        INDArray x = rand(rng, rows, in, type);
                        INDArray sum = rand(rng, rows, out, type);
                        INDArray expected = sum.dup().addi(Nd4j.gemm(x, l.weight().value(), false, false));
                        INDArray got = l.forwardAddInto(x, sum);
                        assertSameBits(expected, got, type + " " + rows + "x" + in + "->" + out);
                        assertSameBits(expected, sum, "the sum is added into in place");
                    }
                }
            }
        }
    }

    @Test
    void backwardAfterAFusedForwardSeesTheSameInput() {
        SplittableRandom rng = new SplittableRandom(5);
        Linear fused = linear(16, 8, false, DataType.DOUBLE, new SplittableRandom(9));
        Linear plain = linear(16, 8, false, DataType.DOUBLE, new SplittableRandom(9));
        INDArray x = rand(rng, 40, 16, DataType.DOUBLE);
        INDArray g = rand(rng, 40, 8, DataType.DOUBLE);
        fused.forwardAddInto(x, Nd4j.zeros(DataType.DOUBLE, 40, 8));
        plain.forward(x);
        assertSameBits(plain.backward(g), fused.backward(g), "input gradient");
        assertSameBits(plain.weight().grad(), fused.weight().grad(), "weight gradient");
    }

    private static void assertSameBits(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.castTo(DataType.DOUBLE).data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                throw new AssertionError(what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
            }
        }
    }
}
