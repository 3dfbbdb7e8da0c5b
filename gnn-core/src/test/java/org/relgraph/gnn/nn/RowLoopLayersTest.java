package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Java row-loop layers on inputs large enough to run chunked and in parallel, in FLOAT:
 * same results as plain ND4J formulas, and the same bits on every run.
 */
class RowLoopLayersTest {
    private static final int ROWS = 3000;
    private static final int COLS = 48;

    private static INDArray input() {
        return GradientCheck.randn(new SplittableRandom(1), ROWS, COLS).muli(2).addi(0.5).castTo(DataType.FLOAT);
    }

    @Test
    void layerNormMatchesTheTextbookFormulaInFloat() {
        INDArray x = input();
        LayerNorm ln = new LayerNorm("ln", COLS, DataType.FLOAT);
        ln.parameters().get(0).value().assign(GradientCheck.randn(new SplittableRandom(2), 1, COLS));
        INDArray y = ln.forward(x);
        INDArray centered = x.subColumnVector(x.mean(true, 1));
        INDArray std = Transforms.sqrt(centered.mul(centered).mean(true, 1).addi(1e-5), false);
        INDArray expected = centered.diviColumnVector(std).muliRowVector(ln.parameters().get(0).value());
        assertEquals(0, y.sub(expected).amaxNumber().doubleValue(), 1e-5);

        INDArray g = GradientCheck.randn(new SplittableRandom(3), ROWS, COLS).castTo(DataType.FLOAT);
        INDArray dx1 = ln.backward(g);
        INDArray gain1 = ln.parameters().get(0).grad().dup();
        ln.zeroGrad();
        ln.forward(x);
        INDArray dx2 = ln.backward(g);
        assertArrayEquals(dx1.data().asFloat(), dx2.data().asFloat(), "backward is bit-for-bit repeatable");
        assertArrayEquals(gain1.data().asFloat(), ln.parameters().get(0).grad().data().asFloat());
        // Rows of dx sum to zero: shifting a row's input does not change its normalised output.
        assertEquals(0, dx1.sum(1).amaxNumber().doubleValue(), 1e-4);
    }

    @Test
    void layerNormThenReluFusedEqualsTheTwoLayers() {
        INDArray x = input();
        INDArray gain = GradientCheck.randn(new SplittableRandom(5), 1, COLS).castTo(DataType.FLOAT);
        INDArray shift = GradientCheck.randn(new SplittableRandom(6), 1, COLS).castTo(DataType.FLOAT);
        LayerNorm fused = LayerNorm.thenRelu("ln", COLS, DataType.FLOAT);
        LayerNorm plain = new LayerNorm("ln", COLS, DataType.FLOAT);
        Relu relu = new Relu();
        for (LayerNorm ln : new LayerNorm[] {fused, plain}) {
            ln.parameters().get(0).value().assign(gain);
            ln.parameters().get(1).value().assign(shift);
        }
        INDArray yFused = fused.forward(x);
        INDArray yPlain = relu.forward(plain.forward(x));
        assertTrue(yPlain.eq(0).castTo(DataType.FLOAT).sumNumber().intValue() > ROWS * COLS / 10, "the shift should zero a share of outputs");
        assertEquals(0, yFused.sub(yPlain).amaxNumber().doubleValue(), 1e-6);
        INDArray g = GradientCheck.randn(new SplittableRandom(7), ROWS, COLS).castTo(DataType.FLOAT);
        INDArray dxFused = fused.backward(g);
        INDArray dxPlain = plain.backward(relu.backward(g));
        assertEquals(0, dxFused.sub(dxPlain).amaxNumber().doubleValue(), 1e-5);
        for (int i = 0; i < 2; i++) {
            assertEquals(0, fused.parameters().get(i).grad().sub(plain.parameters().get(i).grad())
                    .amaxNumber().doubleValue(), 1e-3, fused.parameters().get(i).name());
        }
    }

    @Test
    void reluMatchesNd4j() {
        INDArray x = input();
        Relu relu = new Relu();
        assertEquals(Transforms.relu(x, true), relu.forward(x));
        INDArray g = GradientCheck.randn(new SplittableRandom(4), ROWS, COLS).castTo(DataType.FLOAT);
        assertEquals(g.mul(x.gt(0).castTo(DataType.FLOAT)), relu.backward(g));
    }

    @Test
    void dropoutMasksDependOnlyOnTheSeedAndCallSequence() {
        INDArray x = input();
        Dropout a = new Dropout(0.25, 5);
        Dropout b = new Dropout(0.25, 5);
        INDArray a1 = a.forward(x);
        INDArray a2 = a.forward(x);
        assertArrayEquals(a1.data().asFloat(), b.forward(x).data().asFloat());
        assertArrayEquals(a2.data().asFloat(), b.forward(x).data().asFloat());
        assertTrue(a1.sub(a2).amaxNumber().doubleValue() > 0, "successive calls draw new masks");
        double droppedFraction = a1.eq(0).castTo(DataType.FLOAT).meanNumber().doubleValue();
        assertEquals(0.25, droppedFraction, 0.01);
        // Backward reuses the last forward's mask.
        INDArray ones = x.ulike().assign(1);
        assertEquals(a2.div(x), a.backward(ones));
    }
}
