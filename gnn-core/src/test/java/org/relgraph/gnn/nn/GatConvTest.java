package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GatConvTest {
    private static final DataType D = DataType.DOUBLE;
    /** 5 sources into 4 destinations: destination 0 has three neighbours, 1 one, 2 none, 3 two (source 4 twice). */
    private static final int[] SRC = {0, 1, 2, 3, 4, 4};
    private static final int[] DST = {0, 0, 0, 1, 3, 3};

    private static GatConv conv(long seed) {
        GatConv conv = new GatConv("r", 3, 4, D, new SplittableRandom(seed));
        // Move the time weight (0 at init) and the attention vectors off their init, so every path is exercised.
        SplittableRandom rng = new SplittableRandom(seed + 1);
        for (Parameter p : conv.parameters()) {
            p.value().addi(randn(rng, p.value().shape()).muli(0.5));
        }
        return conv;
    }

    private static double[] times() {
        return new double[] {0.3, 2.0, 1.1, 0.0, 4.2};
    }

    /** 4 destinations, 5 sources: the messages are summed first and transformed after. */
    @Test
    void gradientsMatchFiniteDifferencesTransformingAfterTheSum() {
        gradientsMatchFiniteDifferences(4);
    }

    /** 6 destinations (two without edges) outnumber the 5 sources: the sources are transformed first. */
    @Test
    void gradientsMatchFiniteDifferencesTransformingTheSourcesFirst() {
        gradientsMatchFiniteDifferences(6);
    }

    private static void gradientsMatchFiniteDifferences(int numDst) {
        SplittableRandom rng = new SplittableRandom(7);
        GatConv conv = conv(1);
        INDArray xSrc = randn(rng, 5, 3);
        INDArray xDst = randn(rng, numDst, 3);
        double[] t = times();
        double[] w = {1.0, 0.5, 0.8, 1.0, 0.3, 0.9};
        EdgeIndex edges = new EdgeIndex(SRC, DST, w);
        INDArray r = randn(rng, numDst, 4);

        conv.zeroGrad();
        conv.forward(xSrc, xDst, t, edges);
        RelationConv.Gradients g = conv.backward(r);
        double[] gradWeights = conv.edgeWeightGradient().clone();

        GradientCheck check = new GradientCheck(
                () -> GradientCheck.project(conv.forward(xSrc, xDst, t, edges), r), 3, 20);
        check.check("xSrc", xSrc, g.src());
        check.check("xDst", xDst, g.dst());
        for (Parameter p : conv.parameters()) {
            check.check(p.name(), p.value(), p.grad());
        }
        INDArray tArray = Nd4j.createFromArray(t);
        GradientCheck timeCheck = new GradientCheck(() -> GradientCheck.project(
                conv.forward(xSrc, xDst, tArray.toDoubleVector(), edges), r), 4, 5);
        timeCheck.check("srcTime", tArray, Nd4j.createFromArray(g.srcTime()));
        INDArray wArray = Nd4j.createFromArray(w);
        GradientCheck weightCheck = new GradientCheck(() -> GradientCheck.project(
                conv.forward(xSrc, xDst, t, new EdgeIndex(SRC, DST, wArray.toDoubleVector())), r), 5, 6);
        weightCheck.check("edge weights", wArray, Nd4j.createFromArray(gradWeights));
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", "GatConv (" + numDst + " destinations)",
                Math.max(check.worst(), Math.max(timeCheck.worst(), weightCheck.worst())));
    }

    /** out_i = Σ α_ji W h_j with α a softmax per destination: one neighbour gets α = 1, none gives zeros. */
    @Test
    void attentionIsASoftmaxOverEachDestinationsNeighbours() {
        GatConv conv = conv(2);
        INDArray xSrc = randn(new SplittableRandom(3), 5, 3);
        INDArray xDst = randn(new SplittableRandom(4), 4, 3);
        INDArray out = conv.forward(xSrc, xDst, times(), new EdgeIndex(SRC, DST));
        INDArray w = conv.parameters().get(0).value();
        INDArray transformed = xSrc.mmul(w);
        assertEquals(0, out.getRow(1).sub(transformed.getRow(3)).norm2Number().doubleValue(), 1e-12,
                "a single neighbour gets all the attention");
        assertEquals(0, out.getRow(2).norm2Number().doubleValue(), 0.0, "no neighbour, no message");
        // Destination 3 sees source 4 twice with the same score: half each, i.e. W h_4 once.
        assertEquals(0, out.getRow(3).sub(transformed.getRow(4)).norm2Number().doubleValue(), 1e-12);
        // Destination 0: a convex combination of its three neighbours, so the coefficients can be solved for exactly.
        INDArray basis = Nd4j.vstack(transformed.getRow(0), transformed.getRow(1), transformed.getRow(2));
        INDArray alpha = org.nd4j.linalg.inverse.InvertMatrix.pinvert(basis.transpose(), false)
                .mmul(out.getRow(0).reshape(4, 1));
        assertEquals(1.0, alpha.sumNumber().doubleValue(), 1e-9, "coefficients sum to 1: " + alpha);
        for (int k = 0; k < 3; k++) {
            assertTrue(alpha.getDouble(k) > 0, "positive coefficient " + alpha);
        }
    }

    @Test
    void theNeighboursAgeMovesTheAttentionOnlyThroughItsWeight() {
        GatConv conv = conv(5);
        INDArray xSrc = randn(new SplittableRandom(6), 5, 3);
        INDArray xDst = randn(new SplittableRandom(7), 4, 3);
        EdgeIndex edges = new EdgeIndex(SRC, DST);
        double[] older = times();
        older[0] += 3;
        INDArray base = conv.forward(xSrc, xDst, times(), edges).dup();
        INDArray aged = conv.forward(xSrc, xDst, older, edges).dup();
        assertTrue(base.getRow(0).sub(aged.getRow(0)).norm2Number().doubleValue() > 1e-3,
                "destination 0 re-weighs its neighbours when one of them is older");
        conv.parameters().stream().filter(p -> p.name().endsWith("att_time")).findFirst().orElseThrow()
                .value().assign(0);
        assertEquals(0, conv.forward(xSrc, xDst, times(), edges).sub(conv.forward(xSrc, xDst, older, edges))
                .norm2Number().doubleValue(), 1e-12, "with a_t = 0 the time plays no part");
    }

    @Test
    void weightZeroRemovesTheMessageButKeepsItsShareOfTheSoftmax() {
        GatConv conv = conv(8);
        INDArray xSrc = randn(new SplittableRandom(9), 5, 3);
        INDArray xDst = randn(new SplittableRandom(10), 4, 3);
        INDArray none = conv.forward(xSrc, xDst, times(), new EdgeIndex(SRC, DST, new double[6]));
        assertEquals(0, none.norm2Number().doubleValue(), 0.0);
        INDArray full = conv.forward(xSrc, xDst, times(), new EdgeIndex(SRC, DST)).dup();
        INDArray ones = conv.forward(xSrc, xDst, times(), new EdgeIndex(SRC, DST, new double[] {1, 1, 1, 1, 1, 1}));
        assertEquals(0, full.sub(ones).norm2Number().doubleValue(), 1e-12, "weight 1 is the plain graph");
    }
}
