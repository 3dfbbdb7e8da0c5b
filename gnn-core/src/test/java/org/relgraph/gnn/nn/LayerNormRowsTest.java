package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * LayerNorm normalises four rows at a time ({@link LayerNorm#centreFour}) with the very bits of the one-row loop it
 * replaced, which this test keeps as the reference: forward output, forward-only output, and the gradients of a
 * backward after it, for row counts that are and are not multiples of four, across parallel chunks.
 */
class LayerNormRowsTest {

    /** The one-row kernel LayerNorm ran before (double sums left to right, then gain, shift and ReLU). */
    private static double[] referenceRow(double[] x, double[] g, double[] b, double eps, boolean relu) {
        int d = x.length;
        double[] row = x.clone();
        double mean = 0;
        for (int j = 0; j < d; j++) {
            mean += row[j];
        }
        mean /= d;
        double var = 0;
        for (int j = 0; j < d; j++) {
            row[j] -= mean;
            var += row[j] * row[j];
        }
        double s = 1.0 / Math.sqrt(var / d + eps);
        for (int j = 0; j < d; j++) {
            row[j] *= s;
            row[j] = row[j] * g[j] + b[j];
            if (relu) {
                row[j] = row[j] > 0 ? row[j] : 0.0;
            }
        }
        return row;
    }

    @Test
    void centreFourEqualsCentreRowByRow() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int d : new int[] {1, 3, 64, 128, 129}) {
            for (int trial = 0; trial < 50; trial++) {
                double[][] four = new double[4][d];
                double[][] one = new double[4][];
                for (int k = 0; k < 4; k++) {
                    double scale = Math.pow(10, rng.nextInt(-6, 7));
                    double shift = rng.nextDouble(-5, 5) * scale;
                    for (int j = 0; j < d; j++) {
                        four[k][j] = (float) (shift + scale * rng.nextGaussian());
                    }
                    one[k] = four[k].clone();
                }
                double[] inv = new double[4];
                LayerNorm.centreFour(four, d, 1e-5, inv);
                for (int k = 0; k < 4; k++) {
                    double s = LayerNorm.centre(one[k], d, 1e-5);
                    assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(inv[k]), "inv std, d=" + d);
                    for (int j = 0; j < d; j++) {
                        assertEquals(Double.doubleToRawLongBits(one[k][j]), Double.doubleToRawLongBits(four[k][j]));
                    }
                }
            }
        }
    }

    @Test
    void forwardEqualsTheOneRowKernelBitForBit() {
        SplittableRandom rng = new SplittableRandom(12);
        int d = 128;
        for (int rows : new int[] {1, 3, 4, 5, 127, 1030, 10243}) {
            for (boolean relu : new boolean[] {false, true}) {
                for (boolean forwardOnly : new boolean[] {false, true}) {
                    LayerNorm ln = relu ? LayerNorm.thenRelu("ln", d, DataType.FLOAT) : new LayerNorm("ln", d, DataType.FLOAT);
                    ln.parameters().get(0).value().assign(GradientCheck.randn(rng, 1, d));
                    ln.parameters().get(1).value().assign(GradientCheck.randn(rng, 1, d));
                    ln.forwardOnly(forwardOnly);
                    INDArray x = GradientCheck.randn(rng, rows, d).muli(3).addi(1).castTo(DataType.FLOAT);
                    float[] got = ln.forward(x).data().asFloat();
                    double[] g = ln.parameters().get(0).value().toDoubleVector();
                    double[] b = ln.parameters().get(1).value().toDoubleVector();
                    float[] in = x.data().asFloat();
                    for (int r = 0; r < rows; r++) {
                        double[] row = new double[d];
                        for (int j = 0; j < d; j++) {
                            row[j] = in[r * d + j];
                        }
                        double[] want = referenceRow(row, g, b, 1e-5, relu);
                        for (int j = 0; j < d; j++) {
                            assertEquals(Float.floatToRawIntBits((float) want[j]), Float.floatToRawIntBits(got[r * d + j]),
                                    rows + " rows, relu " + relu + ", row " + r + " col " + j);
                        }
                    }
                }
            }
        }
    }
}
