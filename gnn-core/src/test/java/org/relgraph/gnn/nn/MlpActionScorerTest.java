package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.nn.GradientCheck.project;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.nn.loss.CandidateBce;
import org.relgraph.gnn.nn.loss.LossValue;
import org.relgraph.gnn.optim.Adam;

class MlpActionScorerTest {
    private static final DataType D = DataType.DOUBLE;
    /** 3 offers × 2 channels, one pair (offer 2, channel 1) never seen: 5 actions. */
    private static final int[][] ACTIONS = {{0, 0}, {0, 1}, {1, 0}, {1, 1}, {2, 0}};

    @Test
    void backwardMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        MlpActionScorer scorer = new MlpActionScorer("s", 4, 7, new int[] {3, 2}, ACTIONS, D, rng);
        // Random values everywhere: the zero starts of the dot embeddings and of w₂ would hide errors.
        for (Parameter p : scorer.parameters()) {
            p.value().assign(randn(rng, p.value().shape()));
        }
        INDArray x = randn(rng, 6, 4);
        INDArray r = randn(rng, 6, ACTIONS.length);
        scorer.zeroGrad();
        scorer.forward(x);
        INDArray gx = scorer.backward(r);
        GradientCheck check = new GradientCheck(() -> project(scorer.forward(x), r), 5, 60);
        check.check("MlpActionScorer input", x, gx);
        for (Parameter p : scorer.parameters()) {
            check.check("MlpActionScorer " + p.name(), p.value(), p.grad());
        }
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", "MlpActionScorer", check.worst());
    }

    @Test
    void backwardWithHistoryFeaturesMatchesFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(7);
        MlpActionScorer scorer = new MlpActionScorer("s", 4, 7, 3, new int[] {3, 2}, ACTIONS, D, rng);
        for (Parameter p : scorer.parameters()) {
            p.value().assign(randn(rng, p.value().shape()));
        }
        INDArray x = randn(rng, 6, 4);
        INDArray hist = randn(rng, 6 * ACTIONS.length, 3);
        INDArray r = randn(rng, 6, ACTIONS.length);
        scorer.zeroGrad();
        scorer.forward(x, hist);
        INDArray gx = scorer.backward(r);
        INDArray gh = scorer.historyGradient().dup(); // what explanations integrate
        GradientCheck check = new GradientCheck(() -> project(scorer.forward(x, hist), r), 5, 60);
        check.check("MlpActionScorer+history input", x, gx);
        check.check("MlpActionScorer+history features", hist, gh);
        for (Parameter p : scorer.parameters()) {
            check.check("MlpActionScorer+history " + p.name(), p.value(), p.grad());
        }
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", "MlpActionScorer+history", check.worst());
    }

    @Test
    void untrainedScoresAreThePriorForEveryEntity() {
        SplittableRandom rng = new SplittableRandom(5);
        MlpActionScorer scorer = new MlpActionScorer("s", 3, 8, new int[] {3, 2}, ACTIONS, D, rng);
        double[] prior = {-3, -1, -2, -4, -0.5};
        scorer.initBias(prior);
        INDArray out = scorer.forward(randn(rng, 4, 3));
        for (int i = 0; i < 4; i++) {
            assertArrayEquals(prior, out.getRow(i).toDoubleVector(), 0.0);
        }
    }

    /**
     * 2 offers × 2 channels; an entity whose first feature is positive accepts (offer 0, channel 1) and (offer 1,
     * channel 0), the others (offer 0, channel 0) and (offer 1, channel 1). A dot scorer is additive in offer and
     * channel per entity ({@code x·e_o + x·e_c}) plus an entity-independent pair bias, so it cannot rank both accepted
     * actions above both others for every entity; the MLP can.
     */
    @Test
    void learnsAnOfferChannelInteractionTheDotScorerCannot() {
        int[][] actions = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
        SplittableRandom data = new SplittableRandom(11);
        int n = 200;
        INDArray x = randn(data, n, 4);
        int[] row = new int[n * 4];
        int[] col = new int[n * 4];
        double[] target = new double[n * 4];
        double[] weight = new double[n * 4];
        for (int i = 0; i < n; i++) {
            boolean s = x.getDouble(i, 0) > 0;
            for (int a = 0; a < 4; a++) {
                int k = i * 4 + a;
                row[k] = i;
                col[k] = a;
                weight[k] = 1;
                boolean channel1 = actions[a][1] == 1;
                boolean offer0 = actions[a][0] == 0;
                target[k] = (offer0 == channel1) == s ? 1 : 0;
            }
        }
        Function<Layer, Double> topTwoAccuracy = scorer -> {
            Adam adam = new Adam(scorer.parameters(), Adam.Config.of(0.03));
            for (int step = 0; step < 400; step++) {
                adam.zeroGrad();
                LossValue loss = CandidateBce.compute(scorer.forward(x), row, col, target, weight);
                scorer.backward(loss.gradient());
                adam.step();
            }
            double[][] z = scorer.forward(x).toDoubleMatrix();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                double minAccepted = Double.POSITIVE_INFINITY;
                double maxOther = Double.NEGATIVE_INFINITY;
                for (int a = 0; a < 4; a++) {
                    if (target[i * 4 + a] == 1) {
                        minAccepted = Math.min(minAccepted, z[i][a]);
                    } else {
                        maxOther = Math.max(maxOther, z[i][a]);
                    }
                }
                correct += minAccepted > maxOther ? 1 : 0;
            }
            return correct / (double) n;
        };
        double dot = topTwoAccuracy.apply(new ActionScorer("d", 4, new int[] {2, 2}, actions, D,
                new SplittableRandom(1)));
        double mlp = topTwoAccuracy.apply(new MlpActionScorer("m", 4, 16, new int[] {2, 2}, actions, D,
                new SplittableRandom(1)));
        System.out.printf("planted offer × channel interaction: both accepted ranked first for %.2f (dot) vs %.2f "
                + "(MLP) of entities%n", dot, mlp);
        assertTrue(dot < 0.75, "dot scorer " + dot);
        assertTrue(mlp > 0.9, "MLP scorer " + mlp);
    }
}
