package org.relgraph.gnn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.Parameter;

class AdamTest {
    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstItsGradientSign() {
        // With bias correction, step 1 is lr·g/(|g| + ε) regardless of gradient scale.
        Parameter p = new Parameter("w", Nd4j.create(new double[][] {{1, 1, 1}}));
        p.accumulateGrad(Nd4j.create(new double[][] {{1e-3, -50, 2}}));
        Adam adam = new Adam(List.of(p), Adam.Config.of(0.1));
        adam.step();
        assertEquals(0.9, p.value().getDouble(0, 0), 1e-6);
        assertEquals(1.1, p.value().getDouble(0, 1), 1e-6);
        assertEquals(0.9, p.value().getDouble(0, 2), 1e-6);
    }

    @Test
    void matchesAReferenceImplementationOverSeveralSteps() {
        double lr = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8, wd = 0.01;
        Parameter p = new Parameter("w", Nd4j.create(new double[][] {{0.5, -2.0}}));
        Adam adam = new Adam(List.of(p), new Adam.Config(lr, b1, b2, eps, wd, 0));
        double[] w = {0.5, -2.0};
        double[] m = new double[2];
        double[] v = new double[2];
        for (int t = 1; t <= 5; t++) {
            adam.zeroGrad();
            double[] g = {2 * w[0] + 0.1 * t, Math.sin(w[1])}; // any gradient sequence will do
            p.accumulateGrad(Nd4j.create(new double[][] {g}));
            adam.step();
            for (int i = 0; i < 2; i++) {
                m[i] = b1 * m[i] + (1 - b1) * g[i];
                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] = w[i] * (1 - lr * wd) - lr * mHat / (Math.sqrt(vHat) + eps);
            }
            assertEquals(w[0], p.value().getDouble(0, 0), 1e-12);
            assertEquals(w[1], p.value().getDouble(0, 1), 1e-12);
        }
        assertEquals(5, adam.stepCount());
    }

    @Test
    void clipsTheGlobalGradientNormAcrossParameters() {
        Parameter a = new Parameter("a", Nd4j.zeros(DataType.DOUBLE, 1, 1));
        Parameter b = new Parameter("b", Nd4j.zeros(DataType.DOUBLE, 1, 1));
        a.accumulateGrad(Nd4j.create(new double[][] {{3}}));
        b.accumulateGrad(Nd4j.create(new double[][] {{4}}));
        // SGD-like check through Adam's first moment: with beta1 = beta2 = 0 the step is lr·g/|g|,
        // so look at the recorded norm and that the moments saw the clipped gradient instead.
        Adam adam = new Adam(List.of(a, b), Adam.Config.of(1.0).withMaxGradNorm(1.0));
        adam.step();
        assertEquals(5.0, adam.lastGradNorm(), 1e-12);
        assertEquals(-1.0, a.value().getDouble(0, 0), 1e-6);
        assertEquals(-1.0, b.value().getDouble(0, 0), 1e-6);
        // Second step, same raw gradients: unclipped the ratio m̂/√v̂ is still ±1, so compare with an
        // unclipped twin whose gradients are scaled by 1/5 by hand: both must end equal.
        Parameter a2 = new Parameter("a", Nd4j.zeros(DataType.DOUBLE, 1, 1));
        a2.accumulateGrad(Nd4j.create(new double[][] {{0.6}}));
        Adam twin = new Adam(List.of(a2), Adam.Config.of(1.0));
        twin.step();
        adam.step();
        twin.step();
        assertEquals(a2.value().getDouble(0, 0), a.value().getDouble(0, 0), 1e-9);
        assertTrue(a.grad().getDouble(0, 0) == 3.0, "clipping must not modify the accumulated gradient");
    }

    @Test
    void floatModelsTakeTheOnHeapPathWithTheSameResult() {
        // FLOAT weights go through one loop per parameter; DOUBLE ones through ND4J ops. Same config with decay and
        // clipping that bites, same gradients: the weights must agree to float rounding after several steps.
        Adam.Config config = new Adam.Config(0.05, 0.9, 0.999, 1e-8, 0.01, 0.5);
        double[][] start = {{0.5, -2.0, 1.5}, {0.25, 3.0, -0.75}};
        Parameter f1 = new Parameter("a", Nd4j.create(new double[][] {start[0]}).castTo(DataType.FLOAT));
        Parameter f2 = new Parameter("b", Nd4j.create(new double[][] {start[1]}).castTo(DataType.FLOAT));
        Parameter d1 = new Parameter("a", Nd4j.create(new double[][] {start[0]}));
        Parameter d2 = new Parameter("b", Nd4j.create(new double[][] {start[1]}));
        Adam onHeap = new Adam(List.of(f1, f2), config);
        Adam reference = new Adam(List.of(d1, d2), config);
        for (int t = 1; t <= 6; t++) {
            onHeap.zeroGrad();
            reference.zeroGrad();
            for (int k = 0; k < 2; k++) {
                double[] g = new double[3];
                for (int j = 0; j < 3; j++) {
                    g[j] = Math.sin(t + 3 * k + j) * (1 + k);
                }
                (k == 0 ? f1 : f2).accumulateGrad(Nd4j.create(new double[][] {g}).castTo(DataType.FLOAT));
                (k == 0 ? d1 : d2).accumulateGrad(Nd4j.create(new double[][] {g}));
            }
            onHeap.step();
            reference.step();
            assertEquals(reference.lastGradNorm(), onHeap.lastGradNorm(), 1e-5);
            assertTrue(reference.lastGradNorm() > 0.5, "the clipping should bite: " + reference.lastGradNorm());
            for (int j = 0; j < 3; j++) {
                assertEquals(d1.value().getDouble(0, j), f1.value().getDouble(0, j), 1e-5);
                assertEquals(d2.value().getDouble(0, j), f2.value().getDouble(0, j), 1e-5);
            }
        }
        assertEquals(Math.sin(6 + 3) * 2, f2.grad().getDouble(0, 0), 1e-6, "the step leaves gradients as they are");
    }

    @Test
    void parametersOfDifferentSizesShareTheOnHeapScratchWithoutMixingTheirValues() {
        // The large parameter is updated first, so stale values of it sit past the small one's length in the
        // shared scratch: only the small one's own elements may be read back.
        Adam.Config config = Adam.Config.of(0.05);
        double[] big = {0.5, -2.0, 1.5, 0.25, 3.0};
        double[] small = {-0.75, 1.25};
        Parameter fBig = new Parameter("big", Nd4j.create(new double[][] {big}).castTo(DataType.FLOAT));
        Parameter fSmall = new Parameter("small", Nd4j.create(new double[][] {small}).castTo(DataType.FLOAT));
        Parameter dBig = new Parameter("big", Nd4j.create(new double[][] {big}));
        Parameter dSmall = new Parameter("small", Nd4j.create(new double[][] {small}));
        Adam onHeap = new Adam(List.of(fBig, fSmall), config);
        Adam reference = new Adam(List.of(dBig, dSmall), config);
        for (int t = 1; t <= 4; t++) {
            onHeap.zeroGrad();
            reference.zeroGrad();
            double[] gBig = new double[big.length];
            double[] gSmall = new double[small.length];
            for (int j = 0; j < gBig.length; j++) {
                gBig[j] = Math.cos(t + j) * 3;
            }
            for (int j = 0; j < gSmall.length; j++) {
                gSmall[j] = Math.sin(t * 2 + j);
            }
            fBig.accumulateGrad(Nd4j.create(new double[][] {gBig}).castTo(DataType.FLOAT));
            fSmall.accumulateGrad(Nd4j.create(new double[][] {gSmall}).castTo(DataType.FLOAT));
            dBig.accumulateGrad(Nd4j.create(new double[][] {gBig}));
            dSmall.accumulateGrad(Nd4j.create(new double[][] {gSmall}));
            onHeap.step();
            reference.step();
            for (int j = 0; j < big.length; j++) {
                assertEquals(dBig.value().getDouble(0, j), fBig.value().getDouble(0, j), 1e-5);
            }
            for (int j = 0; j < small.length; j++) {
                assertEquals(dSmall.value().getDouble(0, j), fSmall.value().getDouble(0, j), 1e-5);
            }
        }
    }

    @Test
    void theOnHeapStepDoesNotAllocateCopiesOfTheWeightsEachStep() {
        // A step used to allocate three float[] per parameter (weights, both moments): 12 MB of garbage a step for
        // this 1M-weight parameter, which is what made the collector grow the heap during training.
        Parameter p = new Parameter("w", Nd4j.rand(DataType.FLOAT, 1000, 1000));
        p.accumulateGrad(Nd4j.rand(DataType.FLOAT, 1000, 1000));
        Adam adam = new Adam(List.of(p), Adam.Config.of(0.01));
        adam.step(); // first use of the buffers' NIO views and of the code paths
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 3; i++) {
            adam.step();
        }
        long perStep = (threads.getCurrentThreadAllocatedBytes() - before) / 3;
        assertTrue(perStep < 400_000, "heap bytes allocated per step: " + perStep + " (the weights are 4 MB)");
    }
}
