package org.relgraph.gnn.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Scores every candidate action for every entity: {@code logit[i, a] = x_i · e_a + b_a}, where an action is a
 * tuple of category codes (e.g. offer × channel) and its embedding {@code e_a} is the <em>sum</em> of one learned
 * embedding per component. Summing makes an action's score additive in its components (offer fit + channel fit),
 * so an action rarely seen in training still borrows what its offer and its channel learned elsewhere; the
 * per-action bias {@code b_a} keeps what is specific to the pair (e.g. how often it is shown at all).
 *
 * <p>One entity row is scored against all actions in one matrix product, so several candidates share the entity's
 * embedding: the GNN runs once per (entity, anchor), not once per candidate.
 */
public final class ActionScorer extends Layer {
    private final List<Embedding> components = new ArrayList<>();
    private final int[][] codesByComponent;
    private final Parameter bias;
    private INDArray input;
    private INDArray actionEmbeddings;

    /**
     * @param dim         width of the entity rows scored
     * @param vocabulary  per component, the number of distinct codes
     * @param actionCodes per action, its code in each component ({@code [actions][components]})
     */
    public ActionScorer(String name, int dim, int[] vocabulary, int[][] actionCodes, DataType dtype,
                        SplittableRandom rng) {
        if (actionCodes.length == 0) {
            throw new IllegalArgumentException("no actions to score");
        }
        codesByComponent = new int[vocabulary.length][actionCodes.length];
        for (int a = 0; a < actionCodes.length; a++) {
            if (actionCodes[a].length != vocabulary.length) {
                throw new IllegalArgumentException("action " + a + " has " + actionCodes[a].length
                        + " components, expected " + vocabulary.length);
            }
            for (int c = 0; c < vocabulary.length; c++) {
                if (actionCodes[a][c] < 0 || actionCodes[a][c] >= vocabulary[c]) {
                    throw new IllegalArgumentException("action " + a + " component " + c + " code "
                            + actionCodes[a][c] + " is outside [0, " + vocabulary[c] + ")");
                }
                codesByComponent[c][a] = actionCodes[a][c];
            }
        }
        for (int c = 0; c < vocabulary.length; c++) {
            Embedding e = addChild(new Embedding(name + ".component" + c, vocabulary[c], dim, dtype, rng));
            // Zero at the start: the scores are then exactly the biases (see initBias), not a random per-entity
            // reshuffle of them. The embeddings still learn: their gradient, gᵀx, does not depend on them.
            e.table().value().assign(0);
            components.add(e);
        }
        bias = addParameter(new Parameter(name + ".bias", Nd4j.zeros(dtype, 1, actionCodes.length)));
    }

    public int actions() {
        return codesByComponent[0].length;
    }

    /**
     * Starts each action's bias at a prior logit (e.g. the log-odds of its base rate in training); with the
     * embeddings at zero, the untrained scorer ranks every entity's actions by that prior, and training spends its
     * steps on what differs per entity.
     */
    public void initBias(double[] logits) {
        if (logits.length != actions()) {
            throw new IllegalArgumentException(logits.length + " prior logits for " + actions() + " actions");
        }
        bias.value().assign(Nd4j.create(logits, new long[] {1, logits.length}, DataType.DOUBLE)
                .castTo(bias.value().dataType()));
    }

    /** @param x [n, dim] entity rows; @return [n, actions] logits */
    @Override
    public INDArray forward(INDArray x) {
        input = x;
        INDArray e = null;
        for (int c = 0; c < components.size(); c++) {
            INDArray part = components.get(c).forward(codesByComponent[c]);
            e = e == null ? part.dup() : e.addi(part);
        }
        actionEmbeddings = e;
        return Nd4j.gemm(x, e, false, true).addiRowVector(bias.value());
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (input == null) {
            throw backwardBeforeForward(this);
        }
        bias.accumulateGrad(gradOut.sum(true, 0));
        // d logit / d e_a = Σ_i g[i, a] x_i, shared by every component embedding the action sums.
        INDArray gradE = Nd4j.gemm(gradOut, input, true, false);
        for (Embedding component : components) {
            component.backward(gradE);
        }
        return Nd4j.gemm(gradOut, actionEmbeddings, false, false);
    }
}
