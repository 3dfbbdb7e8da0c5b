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

class ActionScorerTest {
    private static final DataType D = DataType.DOUBLE;
    /** 3 offers × 2 channels, one pair (offer 2, channel 1) never seen: 5 actions. */
    private static final int[][] ACTIONS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}};

    @Test
    void backwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        ActionScorer scorer = new ActionScorer("s", 4, new int[] {3, 2}, ACTIONS, D, rng);
        // Random values everywhere: the zero start of the embeddings would hide errors in the input gradient.
        for (Parameter p : scorer.parameters()) {
            p.value().assign(randn(rng, p.value().shape()));
        }
        INDArray x = randn(rng, 6, 4);
        INDArray r = randn(rng, 6, ACTIONS.length);
        scorer.zeroGrad();
        scorer.forward(x);
        INDArray gx = scorer.backward(r);
        GradientCheck check = new GradientCheck(() -> project(scorer.forward(x), r), 5, 60);
        check.check("ActionScorer input", x, gx);
        for (Parameter p : scorer.parameters()) {
            check.check("ActionScorer " + p.name(), p.value(), p.grad());
        }
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", "ActionScorer", check.worst());
    }

    @Test
    void untrainedScoresAreThePriorForEveryEntity() {
        SplittableRandom rng = new SplittableRandom(5);
        ActionScorer scorer = new ActionScorer("s", 3, new int[] {3, 2}, ACTIONS, D, rng);
        double[] prior = {-3, -1, -2, -4, -0.5};
        scorer.initBias(prior);
        INDArray out = scorer.forward(randn(rng, 4, 3));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(prior, out.getRow(i).toDoubleVector(), 0.0);
        }
    }

    @Test
    void scoreIsEntityDotSumOfComponentEmbeddingsPlusBias() {
        SplittableRandom rng = new SplittableRandom(4);
        ActionScorer scorer = new ActionScorer("s", 3, new int[] {3, 2}, ACTIONS, D, rng);
        for (Parameter p : scorer.parameters()) {
            p.value().assign(randn(rng, p.value().shape()));
        }
        INDArray offers = scorer.parameters().stream().filter(p -> p.name().equals("s.component0.table"))
                .findFirst().orElseThrow().value();
        INDArray channels = scorer.parameters().stream().filter(p -> p.name().equals("s.component1.table"))
                .findFirst().orElseThrow().value();
        INDArray x = randn(rng, 2, 3);
        INDArray out = scorer.forward(x);
        assertArrayEquals(new long[] {2, 5}, out.shape());
        INDArray bias = scorer.parameters().stream().filter(p -> p.name().equals("s.bias")).findFirst().orElseThrow()
                .value();
        // Action 3 is (offer 1, channel 1).
        double expected = x.getRow(1).mul(offers.getRow(1).add(channels.getRow(1))).sumNumber().doubleValue()
                + bias.getDouble(0, 3);
        assertEquals(expected, out.getDouble(1, 3), 1e-12);
    }

    @Test
    void refusesCodesOutsideTheVocabulary() {
        assertThrows(IllegalArgumentException.class, () -> new ActionScorer("s", 3, new int[] {2, 2},
                new int[][] {{0, 2}}, D, new SplittableRandom(1)));
    }
}
