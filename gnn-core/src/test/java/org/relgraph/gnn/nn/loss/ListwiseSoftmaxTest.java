package org.relgraph.gnn.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.GradientCheck;

class ListwiseSoftmaxTest {
    // Row 1 accepted nothing: it is skipped. Row 2 accepted two actions: half the target mass on each.
    private static final double[][] TARGETS = {{0, 1, 0, 0, 0}, {0, 0, 0, 0, 0}, {1, 0, 0, 1, 0}};

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray z = randn(new SplittableRandom(3), 3, 5).muli(2);
        GradientCheck c = new GradientCheck(() -> ListwiseSoftmax.compute(z, TARGETS).value(), 1, 100);
        c.check("ListwiseSoftmax logits", z, ListwiseSoftmax.compute(z, TARGETS).gradient());
    }

    @Test
    void meanCrossEntropyOverRowsWithATarget() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 3, 5);
        LossValue v = ListwiseSoftmax.compute(z, TARGETS);
        // Uniform softmax over 5 actions: every kept row costs log 5.
        assertEquals(Math.log(5), v.value(), 1e-12);
        assertEquals(0, v.gradient().getRow(1).sumNumber().doubleValue(), 0.0);
        assertEquals((0.2 - 1) / 2, v.gradient().getDouble(0, 1), 1e-12);
        assertEquals((0.2 - 0.5) / 2, v.gradient().getDouble(2, 3), 1e-12);
        assertEquals(0.2 / 2, v.gradient().getDouble(2, 4), 1e-12);
    }

    @Test
    void batchWithoutAcceptancesHasNoGradient() {
        LossValue v = ListwiseSoftmax.compute(Nd4j.ones(DataType.DOUBLE, 2, 5), new double[2][5]);
        assertEquals(0, v.value(), 0.0);
        assertEquals(0, v.gradient().sumNumber().doubleValue(), 0.0);
    }
}
