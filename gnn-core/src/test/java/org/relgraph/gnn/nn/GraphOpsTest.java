package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.relgraph.gnn.nn.GradientCheck.project;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Gather, SegmentAggregate and their fused form: values against naive loops, gradients against finite differences. */
class GraphOpsTest {
    private static final int[] DST = {2, 0, 2, 2, 0, 3}; // destination 1 and 4 receive nothing
    private static final int NUM_DST = 5;

    @Test
    void gatherValuesAndGradient() {
        SplittableRandom rng = new SplittableRandom(1);
        INDArray x = randn(rng, 4, 3);
        int[] idx = {3, 1, 3, 0, 3};
        Gather g = new Gather();
        INDArray y = g.forward(x, idx);
        for (int i = 0; i < idx.length; i++) {
            assertEquals(x.getRow(idx[i]), y.getRow(i));
        }
        INDArray r = randn(rng, 5, 3);
        INDArray gx = g.backward(r);
        assertEquals(0, gx.getRow(2).norm2Number().doubleValue(), 0, "unselected row gets zero gradient");
        GradientCheck check = new GradientCheck(() -> project(new Gather().forward(x, idx), r), 1, 100);
        check.check("Gather input", x, gx);
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", "Gather", check.worst());
    }

    @Test
    void segmentSumAndMeanValues() {
        INDArray m = Nd4j.create(new double[][] {{1, 10}, {2, 20}, {3, 30}, {4, 40}, {5, 50}, {6, 60}});
        INDArray sum = new SegmentAggregate(Aggregation.SUM).forward(m, DST, NUM_DST);
        INDArray mean = new SegmentAggregate(Aggregation.MEAN).forward(m, DST, NUM_DST);
        assertEquals(Nd4j.create(new double[][] {{7, 70}, {0, 0}, {8, 80}, {6, 60}, {0, 0}}), sum);
        assertEquals(Nd4j.create(new double[][] {{3.5, 35}, {0, 0}, {8.0 / 3, 80.0 / 3}, {6, 60}, {0, 0}}), mean);
    }

    @Test
    void segmentAggregateGradients() {
        for (Aggregation agg : Aggregation.values()) {
            SplittableRandom rng = new SplittableRandom(2);
            INDArray m = randn(rng, DST.length, 4);
            INDArray r = randn(rng, NUM_DST, 4);
            SegmentAggregate seg = new SegmentAggregate(agg);
            seg.forward(m, DST, NUM_DST);
            INDArray gm = seg.backward(r);
            GradientCheck check = new GradientCheck(
                    () -> project(new SegmentAggregate(agg).forward(m, DST, NUM_DST), r), 1, 100);
            check.check("SegmentAggregate " + agg, m, gm);
            System.out.printf("gradcheck %-28s worst rel err %.2e%n", "SegmentAggregate " + agg, check.worst());
        }
    }

    @Test
    void neighborAggregateEqualsGatherThenSegment() {
        SplittableRandom rng = new SplittableRandom(3);
        INDArray x = randn(rng, 4, 3);
        int[] src = {0, 3, 3, 1, 0, 2};
        INDArray r = randn(rng, NUM_DST, 3);
        for (Aggregation agg : Aggregation.values()) {
            Gather gather = new Gather();
            SegmentAggregate seg = new SegmentAggregate(agg);
            INDArray expected = seg.forward(gather.forward(x, src), DST, NUM_DST);
            INDArray expectedGrad = gather.backward(seg.backward(r));
            NeighborAggregate fused = new NeighborAggregate(agg);
            INDArray actual = fused.forward(x, src, DST, NUM_DST);
            assertEquals(0, actual.sub(expected).norm2Number().doubleValue(), 1e-12);
            assertEquals(0, fused.backward(r).sub(expectedGrad).norm2Number().doubleValue(), 1e-12);
        }
    }

    @Test
    void weightedEdgesScaleMessagesAndTheirGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(9);
        int[] src = {0, 2, 1, 2, 3};
        int[] dst = {0, 0, 1, 2, 2};
        for (Aggregation agg : Aggregation.values()) {
            INDArray x = randn(rng, 4, 3);
            double[] w = {0.3, 1.0, 0.0, 0.7, 0.5};
            INDArray wArray = Nd4j.createFromArray(w);
            INDArray r = randn(rng, 3, 3);
            NeighborAggregate op = new NeighborAggregate(agg);
            java.util.function.DoubleSupplier loss = () -> GradientCheck.project(
                    new NeighborAggregate(agg).forward(x, src, dst, 3, wArray.toDoubleVector()), r);
            op.forward(x, src, dst, 3, w);
            INDArray gx = op.backward(r);
            GradientCheck check = new GradientCheck(loss, 1, 100);
            check.check(agg + " weighted input", x, gx);
            check.check(agg + " edge weights", wArray, Nd4j.createFromArray(op.weightGradient()));
            // All weights 1 is the ordinary unweighted aggregation.
            double[] ones = {1, 1, 1, 1, 1};
            assertEquals(0, new NeighborAggregate(agg).forward(x, src, dst, 3, ones)
                    .sub(new NeighborAggregate(agg).forward(x, src, dst, 3)).norm2Number().doubleValue(), 1e-12);
        }
    }

    /** Big enough to take the parallel path; float results must match a sequential reference bit for bit. */
    @Test
    void parallelKernelsAreDeterministicAndMatchNaiveLoops() {
        SplittableRandom rng = new SplittableRandom(4);
        int nSrc = 3000;
        int nDst = 2000;
        int edges = 20000;
        int f = 16;
        int[] src = new int[edges];
        int[] dst = new int[edges];
        for (int i = 0; i < edges; i++) {
            src[i] = rng.nextInt(nSrc);
            dst[i] = rng.nextInt(nDst);
        }
        INDArray x = randn(rng, nSrc, f).castTo(DataType.FLOAT);
        float[] xv = x.data().asFloat();
        float[] naive = new float[nDst * f];
        for (int i = 0; i < edges; i++) { // same per-destination order as the kernel: by edge id
            for (int j = 0; j < f; j++) {
                naive[dst[i] * f + j] += xv[src[i] * f + j];
            }
        }
        INDArray first = new NeighborAggregate(Aggregation.SUM).forward(x, src, dst, nDst);
        INDArray second = new NeighborAggregate(Aggregation.SUM).forward(x, src, dst, nDst);
        assertArrayEquals(naive, first.data().asFloat());
        assertArrayEquals(first.data().asFloat(), second.data().asFloat());

        INDArray g = new Gather().forward(x, src);
        for (int i = 0; i < edges; i += 997) {
            assertEquals(x.getRow(src[i]), g.getRow(i));
        }
    }

    @Test
    void rejectsOutOfRangeIndices() {
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 3, 2);
        assertThrows(IndexOutOfBoundsException.class, () -> new Gather().forward(x, new int[] {0, 3}));
        assertThrows(IndexOutOfBoundsException.class,
                () -> new SegmentAggregate(Aggregation.SUM).forward(x, new int[] {0, 1, 5}, 2));
        assertThrows(IllegalStateException.class, () -> new Gather().backward(x));
    }
}
