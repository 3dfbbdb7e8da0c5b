package org.relgraph.gnn.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.GradientCheck;

class CandidateBceTest {
    private static final int[] ROW = {0, 0, 1, 2, 2, 2};
    private static final int[] COL = {1, 3, 0, 2, 2, 4};
    private static final double[] TARGET = {1, 0, 0, 1, 0, 0};
    private static final double[] WEIGHT = {1, 1, 1, 1, 1, 0.25};

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray z = randn(new SplittableRandom(2), 3, 5).muli(2);
        GradientCheck c = new GradientCheck(() -> CandidateBce.compute(z, ROW, COL, TARGET, WEIGHT).value(), 1, 100);
        c.check("CandidateBce logits", z, CandidateBce.compute(z, ROW, COL, TARGET, WEIGHT).gradient());
    }

    @Test
    void weightedMeanOverNamedCellsOnly() {
        INDArray z = Nd4j.zeros(DataType.DOUBLE, 3, 5);
        LossValue v = CandidateBce.compute(z, ROW, COL, TARGET, WEIGHT);
        // Every cell at logit 0 costs log 2 whatever its target; the weighted mean is log 2 too.
        assertEquals(Math.log(2), v.value(), 1e-12);
        assertEquals(0, v.gradient().getDouble(1, 4), 0.0);
        // (σ(0) - 1)·1 / 5.25 for the positive of seed 0.
        assertEquals(-0.5 / 5.25, v.gradient().getDouble(0, 1), 1e-12);
        // Cell (2, 2) is named twice, once accepted and once not: the two pulls cancel.
        assertEquals(0, v.gradient().getDouble(2, 2), 1e-12);
    }
}
