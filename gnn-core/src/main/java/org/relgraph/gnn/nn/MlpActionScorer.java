package org.relgraph.gnn.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An {@link ActionScorer} plus a one-hidden-layer MLP over (entity, action):
 * {@code logit[i, a] = x_i · e_a + b_a + w₂ · relu(W₁ x_i + b₁ + v_a)}, where {@code v_a} is the sum of one learned
 * {@code hidden}-wide embedding per action component. {@code W₁ x_i + v_a} is {@code W₁'·[x_i ; onehot(components
 * of a)]}, so the second term is an ordinary MLP on the entity row next to the action's codes — the flat ranker's
 * rows — and can express interactions the dot scorer's {@code x · (e_offer + e_channel)} cannot (e.g. a channel that
 * helps one offer and hurts another, for the same customer).
 *
 * <p>Cheap: {@code W₁ x} is computed once per entity ([n, hidden]) and {@code v} once per action ([A, hidden]); only
 * their broadcast sum and its ReLU are [n·A, hidden]. {@code w₂} starts at zero, so the untrained scorer is exactly
 * the dot scorer (whose scores start at the prior biases, {@link ActionScorer#initBias}).
 */
public final class MlpActionScorer extends Layer {
    private final ActionScorer dot;
    private final Linear entity;
    private final List<Embedding> components = new ArrayList<>();
    private final int[][] codesByComponent;
    private final Parameter out;
    private final int hidden;
    private final Linear history; // null without history features
    private INDArray historyInput;
    private INDArray historyGrad;
    private INDArray activated;
    private INDArray mask;
    private int n;

    /**
     * @param dim         width of the entity rows scored
     * @param hidden      width of the MLP's hidden layer
     * @param vocabulary  per component, the number of distinct codes
     * @param actionCodes per action, its code in each component ({@code [actions][components]})
     */
    public MlpActionScorer(String name, int dim, int hidden, int[] vocabulary, int[][] actionCodes, DataType dtype,
                           SplittableRandom rng) {
        this(name, dim, hidden, 0, vocabulary, actionCodes, dtype, rng);
    }

    /**
     * @param historyWidth features per (entity, action) given to {@link #forward(INDArray, INDArray)}, added to the
     *                     MLP's hidden pre-activation through a learned [historyWidth, hidden] matrix; 0 for none
     */
    public MlpActionScorer(String name, int dim, int hidden, int historyWidth, int[] vocabulary, int[][] actionCodes,
                           DataType dtype, SplittableRandom rng) {
        if (hidden <= 0 || historyWidth < 0) {
            throw new IllegalArgumentException("hidden width must be positive, got " + hidden);
        }
        this.hidden = hidden;
        dot = addChild(new ActionScorer(name, dim, vocabulary, actionCodes, dtype, rng));
        entity = addChild(new Linear(name + ".mlp.entity", dim, hidden, true, WeightInit.GLOROT_UNIFORM, dtype, rng));
        codesByComponent = new int[vocabulary.length][actionCodes.length];
        for (int a = 0; a < actionCodes.length; a++) {
            for (int c = 0; c < vocabulary.length; c++) {
                codesByComponent[c][a] = actionCodes[a][c];
            }
        }
        for (int c = 0; c < vocabulary.length; c++) {
            components.add(addChild(new Embedding(name + ".mlp.component" + c, vocabulary[c], hidden, dtype, rng)));
        }
        history = historyWidth == 0 ? null : addChild(new Linear(name + ".mlp.history", historyWidth, hidden, false,
                WeightInit.GLOROT_UNIFORM, dtype, rng));
        out = addParameter(new Parameter(name + ".mlp.out", Nd4j.zeros(dtype, hidden, 1)));
    }

    /** Features per (entity, action) this scorer reads besides the entity row; 0 for none. */
    public int historyWidth() {
        return history == null ? 0 : history.inFeatures();
    }

    /**
     * After {@link #backward}: ∂(Σ gradOut · logits)/∂hist, [n·actions, historyWidth] with row {@code i·actions + a};
     * null when the last forward had no history features.
     */
    public INDArray historyGradient() {
        return historyGrad;
    }

    public int actions() {
        return dot.actions();
    }

    /** See {@link ActionScorer#initBias}. */
    public void initBias(double[] logits) {
        dot.initBias(logits);
    }

    /** @param x [n, dim] entity rows; @return [n, actions] logits, with all-zero history features if any */
    @Override
    public INDArray forward(INDArray x) {
        return forward(x, null);
    }

    /**
     * @param x    [n, dim] entity rows
     * @param hist [n·actions, historyWidth] per (entity, action) features, row {@code i·actions + a}; null for zeros
     * @return [n, actions] logits
     */
    public INDArray forward(INDArray x, INDArray hist) {
        INDArray logits = dot.forward(x);
        n = (int) x.size(0);
        int a = actions();
        INDArray u = entity.forward(x); // [n, hidden], with b₁
        INDArray v = null;
        for (int c = 0; c < components.size(); c++) {
            INDArray part = components.get(c).forward(codesByComponent[c]);
            v = v == null ? part.dup() : v.addi(part);
        }
        // Row i·A + a of z is u_i + v_a.
        INDArray z = u.repeat(0, a).addi(Nd4j.tile(v, n, 1));
        historyInput = null;
        if (history != null && hist != null) {
            if (hist.rows() != (long) n * a || hist.columns() != history.inFeatures()) {
                throw new IllegalArgumentException("history features " + java.util.Arrays.toString(hist.shape())
                        + ", expected [" + (long) n * a + ", " + history.inFeatures() + "]");
            }
            historyInput = hist.castTo(z.dataType());
            z.addi(history.forward(historyInput));
        }
        mask = z.gt(0).castTo(z.dataType());
        activated = z.muli(mask);
        INDArray mlp = Nd4j.gemm(activated, out.value(), false, false).reshape('c', n, a);
        return logits.addi(mlp);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (activated == null) {
            throw backwardBeforeForward(this);
        }
        int a = actions();
        INDArray gradX = dot.backward(gradOut);
        INDArray g = gradOut.dup('c').reshape('c', (long) n * a, 1);
        out.accumulateGrad(Nd4j.gemm(activated, g, true, false));
        INDArray gradZ = Nd4j.gemm(g, out.value(), false, true).muli(mask); // [n·A, hidden]
        INDArray gradZ3 = gradZ.reshape('c', n, a, hidden);
        INDArray gradV = gradZ3.sum(0); // [A, hidden]
        for (Embedding component : components) {
            component.backward(gradV);
        }
        if (historyInput != null) {
            historyGrad = history.backward(gradZ); // [n·A, historyWidth], for explanations
        } else {
            historyGrad = null;
        }
        return gradX.addi(entity.backward(gradZ3.sum(1))); // [n, hidden] → [n, dim]
    }
}
