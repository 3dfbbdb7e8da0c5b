package org.relgraph.gnn.nn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.GradientCheck;

/** Loss values against hand-computed numbers, gradients against finite differences (double precision). */
class LossGradientTest {
    private static void report(String what, GradientCheck c) {
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", what, c.worst());
    }

    @Test
    void binaryCrossEntropyWithPositiveWeight() {
        SplittableRandom rng = new SplittableRandom(1);
        INDArray z = randn(rng, 6, 1).muli(3);
        INDArray y = Nd4j.create(new double[] {1, 0, 1, 1, 0, 0.25}, new long[] {6, 1});
        BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits(3.0);
        GradientCheck c = new GradientCheck(() -> bce.compute(z, y).value(), 1, 100);
        c.check("BCE logits", z, bce.compute(z, y).gradient());
        report("BCEWithLogits(posWeight=3)", c);

        // One positive at z = 0: 3·log 2.  One negative at z = 0: log 2.
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 1);
        assertEquals(3 * Math.log(2), bce.compute(zero, Nd4j.ones(DataType.DOUBLE, 1, 1)).value(), 1e-12);
        assertEquals(Math.log(2), bce.compute(zero, zero).value(), 1e-12);
        // Stable far from zero where a naive log(sigmoid) underflows.
        assertEquals(1000.0, new BinaryCrossEntropyWithLogits().compute(
                Nd4j.create(new double[][] {{-1000}}), Nd4j.ones(DataType.DOUBLE, 1, 1)).value(), 1e-9);
    }

    @Test
    void l1AndL2() {
        SplittableRandom rng = new SplittableRandom(2);
        INDArray p = randn(rng, 5, 2);
        INDArray t = randn(rng, 5, 2);
        L1Loss l1 = new L1Loss();
        L2Loss l2 = new L2Loss();
        GradientCheck c1 = new GradientCheck(() -> l1.compute(p, t).value(), 1, 100);
        c1.check("L1 predictions", p, l1.compute(p, t).gradient());
        report("L1", c1);
        GradientCheck c2 = new GradientCheck(() -> l2.compute(p, t).value(), 1, 100);
        c2.check("L2 predictions", p, l2.compute(p, t).gradient());
        report("L2", c2);

        INDArray a = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        INDArray b = Nd4j.create(new double[][] {{1, 0}, {5, 4}});
        assertEquals(1.0, l1.compute(a, b).value(), 1e-12);
        assertEquals(2.0, l2.compute(a, b).value(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> l2.compute(a, Nd4j.zeros(DataType.DOUBLE, 2, 3)));
    }

    @Test
    void softmaxCrossEntropy() {
        SplittableRandom rng = new SplittableRandom(3);
        INDArray z = randn(rng, 4, 5).muli(4);
        int[] labels = {0, 4, 2, 2};
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        GradientCheck c = new GradientCheck(() -> ce.compute(z, labels).value(), 1, 100);
        c.check("softmax CE logits", z, ce.compute(z, labels).gradient());
        report("SoftmaxCrossEntropy", c);

        assertEquals(Math.log(3), ce.compute(Nd4j.zeros(DataType.DOUBLE, 1, 3), new int[] {1}).value(), 1e-12);
        assertEquals(0.0, ce.compute(Nd4j.create(new double[][] {{1000, 0}}), new int[] {0}).value(), 1e-12);
    }

    @Test
    void sampledSoftmaxAndBpr() {
        SplittableRandom rng = new SplittableRandom(4);
        INDArray entity = randn(rng, 3, 4);
        INDArray positive = randn(rng, 3, 4);
        INDArray negatives = randn(rng, 3, 5, 4);
        for (String name : new String[] {"SampledSoftmax(T=0.5)", "BPR"}) {
            SampledSoftmaxLoss ss = new SampledSoftmaxLoss(0.5);
            BprLoss bpr = new BprLoss();
            java.util.function.Supplier<RankingLossValue> eval = () -> name.equals("BPR")
                    ? bpr.compute(entity, positive, negatives)
                    : ss.compute(entity, positive, negatives);
            RankingLossValue v = eval.get();
            GradientCheck c = new GradientCheck(() -> eval.get().value(), 1, 100);
            c.check(name + " entity", entity, v.entityGradient());
            c.check(name + " positive", positive, v.positiveGradient());
            c.check(name + " negatives", negatives, v.negativesGradient());
            report(name, c);
        }
        // All scores equal: softmax picks the positive with probability 1/(1+k); BPR margin 0 gives log 2.
        INDArray zeros = Nd4j.zeros(DataType.DOUBLE, 2, 3);
        INDArray zeroNeg = Nd4j.zeros(DataType.DOUBLE, 2, 4, 3);
        assertEquals(Math.log(5), new SampledSoftmaxLoss().compute(zeros, zeros, zeroNeg).value(), 1e-12);
        assertEquals(Math.log(2), new BprLoss().compute(zeros, zeros, zeroNeg).value(), 1e-12);
    }

    /**
     * What a recency-weighted trainer reports: {@link LossValue#weighted} is the function whose gradient is the
     * loss's gradient with row i scaled by weight i (the step the trainer takes), checked against finite differences
     * for every loss a prediction head uses; the unweighted value is not (it fails these checks).
     */
    @Test
    void theWeightedLossIsTheOneWhoseGradientHasItsRowsScaledByTheWeights() {
        SplittableRandom rng = new SplittableRandom(5);
        double[] w = {0.2, 1.7, 0.05, 2.05, 1.0};
        INDArray weights = Nd4j.create(w, new long[] {5, 1});
        INDArray z = randn(rng, 5, 1).muli(3);
        INDArray y = Nd4j.create(new double[] {1, 0, 1, 0, 1}, new long[] {5, 1});
        BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits(2.0);
        new GradientCheck(() -> bce.compute(z, y).weighted(w), 1, 100)
                .check("weighted BCE", z, bce.compute(z, y).gradient().mulColumnVector(weights));
        INDArray p = randn(rng, 5, 2);
        INDArray t = randn(rng, 5, 2);
        L1Loss l1 = new L1Loss();
        new GradientCheck(() -> l1.compute(p, t).weighted(w), 1, 100)
                .check("weighted L1", p, l1.compute(p, t).gradient().mulColumnVector(weights));
        L2Loss l2 = new L2Loss();
        new GradientCheck(() -> l2.compute(p, t).weighted(w), 1, 100)
                .check("weighted L2", p, l2.compute(p, t).gradient().mulColumnVector(weights));
        INDArray logits = randn(rng, 5, 3).muli(2);
        int[] labels = {0, 2, 1, 1, 0};
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        new GradientCheck(() -> ce.compute(logits, labels).weighted(w), 1, 100)
                .check("weighted softmax CE", logits, ce.compute(logits, labels).gradient().mulColumnVector(weights));

        // By hand: one positive and one negative at z = 0 (log 2 each), weighted 3 and 1: (3 + 1)·log 2 / 2.
        LossValue two = new BinaryCrossEntropyWithLogits().compute(Nd4j.zeros(DataType.DOUBLE, 2, 1),
                Nd4j.create(new double[] {1, 0}, new long[] {2, 1}));
        assertEquals(2 * Math.log(2), two.weighted(new double[] {3, 1}), 1e-12);
        assertEquals(two.value(), two.weighted(new double[] {1, 1}), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> two.weighted(new double[] {1}));
    }
}
