package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The adds scoring does as it writes rows instead of as native ops afterwards give the native ops' bits: embedding
 * rows gathered into a running sum, and the residual added as LayerNorm writes its output.
 */
class FusedAddsTest {
    private static final DataType[] TYPES = {DataType.FLOAT, DataType.DOUBLE};

    private static INDArray rand(SplittableRandom rng, long rows, long cols, DataType type) {
        return GradientCheck.randn(rng, (int) rows, (int) cols).muli(4).castTo(type);
    }

    @Test
    void embeddingAddedIntoASumEqualsGatherThenAdd() {
        SplittableRandom rng = new SplittableRandom(21);
        for (DataType type : TYPES) {
            for (int rows : new int[] {1, 9, 5000}) {
                Embedding e = new Embedding("e", 37, 64, type, new SplittableRandom(5));
                int[] codes = rng.ints(rows, 0, 37).toArray();
                INDArray sum = rand(rng, rows, 64, type);
                INDArray expected = sum.dup().addi(e.forward(codes));
                e.forwardAddInto(codes, sum);
                assertSameBits(expected, sum, type + " " + rows + " rows");
            }
        }
    }

    @Test
    void layerNormWithResidualEqualsForwardThenAdd() {
        SplittableRandom rng = new SplittableRandom(22);
        for (DataType type : TYPES) {
            for (boolean relu : new boolean[] {false, true}) {
                for (int rows : new int[] {1, 6, 4097}) {
                    LayerNorm ln = relu ? LayerNorm.thenRelu("ln", 96, type) : new LayerNorm("ln", 96, type);
                    ln.parameters().get(0).value().assign(rand(rng, 1, 96, type));
                    ln.parameters().get(1).value().assign(rand(rng, 1, 96, type));
                    INDArray x = rand(rng, rows, 96, type);
                    INDArray h = rand(rng, rows, 96, type).muli(1e-3); // residuals far smaller and larger
                    h.getRow(0).muli(1e6);
                    INDArray expected = ln.forward(x).addi(h);
                    assertSameBits(expected, ln.forwardAddingResidual(x, h), type + " relu " + relu + " " + rows);
                }
            }
        }
    }

    @Test
    void evalNodeUpdateWithResidualEqualsTheBlocksThenTheAdd() {
        for (DataType type : TYPES) {
            // Same seed, same weights; dropout 0 in training mode runs the blocks one by one and then adds.
            NodeUpdate fused = new NodeUpdate("u", 64, 64, true, Activation.RELU, 0.0, true, type, new SplittableRandom(8));
            NodeUpdate blocks = new NodeUpdate("u", 64, 64, true, Activation.RELU, 0.0, true, type, new SplittableRandom(8));
            fused.eval();
            blocks.train(true);
            SplittableRandom rng = new SplittableRandom(23);
            INDArray h = rand(rng, 3001, 64, type);
            INDArray fromFused = fused.finish(fused.root(h));
            INDArray fromBlocks = blocks.finish(blocks.root(h));
            assertSameBits(fromBlocks, fromFused, type.toString());
        }
    }

    private static void assertSameBits(INDArray expected, INDArray actual, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what);
        double[] e = expected.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                    what + ": element " + i + " is " + a[i] + ", expected " + e[i]);
        }
    }
}
