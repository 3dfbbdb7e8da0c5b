package org.relgraph.gnn.model;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.nn.ActionScorer;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.Layer;
import org.relgraph.gnn.nn.MlpActionScorer;
import org.relgraph.gnn.nn.Module;

/**
 * Next best action: a {@link HeteroGnn} embeds each (entity, anchor) once — its linear head is a projection to
 * {@link GnnConfig#hidden()} rather than a prediction — and an {@link ActionScorer} (or, with
 * {@link GnnConfig#actionScorer()} {@link ActionScorerKind#MLP} / {@link ActionScorerKind#MLP_HISTORY}, an
 * {@link MlpActionScorer}) turns that embedding into one logit per candidate action, the log-odds that the query's
 * condition (e.g. "accepted") holds if the action is taken.
 *
 * <p>As a {@link DifferentiableGnn} its output columns are the actions, so explaining output {@code a} attributes
 * action a's logit to the entity's inputs with the action itself held fixed (the scorer's weights are constants),
 * and, with MLP_HISTORY, to the entity's history features with action a ({@link #outputFeatures}), integrated from 0.
 */
public final class RankingGnn extends Module implements DifferentiableGnn {
    /** Separates the scorer's random stream from the GNN's, so adding actions does not change the GNN's init. */
    private static final long SCORER_SEED_SALT = 0x6A09E667F3BCC909L;

    private final HeteroGnn gnn;
    private final Layer scorer;
    private final ActionScorer dot; // null when the scorer is an MlpActionScorer
    private INDArray conditioned; // the explained seed's action features, see #condition
    private int pathOutput = -1; // see #outputFeaturePath
    private double[] pathAlphas;

    /**
     * @param vocabulary  per action component, the number of distinct values
     * @param actionCodes per action, its value code in each component
     */
    public RankingGnn(GnnConfig config, List<String> nodeTypes, List<EdgeKey> edgeTypes, DatabaseEncoding encoding,
                      String seedType, int[] vocabulary, int[][] actionCodes) {
        this(config, nodeTypes, edgeTypes, encoding, seedType, vocabulary, actionCodes, false);
    }

    /**
     * @param perAction also give every action an embedding of its own (an extra component whose code is the action's
     *                  index), summed with the shared component embeddings: the scorer is then a full linear head
     *                  over the entity embedding (one weight vector per action) that still starts from what the
     *                  action's offer and channel share with other actions. Off by default: on the synthetic bank
     *                  (README, "Next best action") it gave val MAP@3 0.284 against 0.290 without, within noise.
     */
    public RankingGnn(GnnConfig config, List<String> nodeTypes, List<EdgeKey> edgeTypes, DatabaseEncoding encoding,
                      String seedType, int[] vocabulary, int[][] actionCodes, boolean perAction) {
        this(config, nodeTypes, edgeTypes, encoding, seedType, vocabulary, actionCodes, perAction, 0);
    }

    /**
     * @param historyWidth with {@link ActionScorerKind#MLP_HISTORY}: the width of the batches'
     *                     {@link GraphBatch#actionFeatures}; must be positive then, and is ignored otherwise
     */
    public RankingGnn(GnnConfig config, List<String> nodeTypes, List<EdgeKey> edgeTypes, DatabaseEncoding encoding,
                      String seedType, int[] vocabulary, int[][] actionCodes, boolean perAction, int historyWidth) {
        gnn = addChild(new HeteroGnn(config, nodeTypes, edgeTypes, encoding, seedType, config.hidden()));
        int[] vocab = vocabulary;
        int[][] codes = actionCodes;
        if (perAction) {
            vocab = java.util.Arrays.copyOf(vocabulary, vocabulary.length + 1);
            vocab[vocabulary.length] = actionCodes.length;
            codes = new int[actionCodes.length][];
            for (int a = 0; a < actionCodes.length; a++) {
                codes[a] = java.util.Arrays.copyOf(actionCodes[a], actionCodes[a].length + 1);
                codes[a][actionCodes[a].length] = a;
            }
        }
        SplittableRandom rng = new SplittableRandom(config.seed() ^ SCORER_SEED_SALT);
        if (config.actionScorer() == ActionScorerKind.MLP || config.actionScorer() == ActionScorerKind.MLP_HISTORY) {
            int width = config.actionScorer() == ActionScorerKind.MLP_HISTORY ? historyWidth : 0;
            if (config.actionScorer() == ActionScorerKind.MLP_HISTORY && width <= 0) {
                throw new IllegalArgumentException("MLP_HISTORY needs per-action history features");
            }
            scorer = addChild(new MlpActionScorer("actions", config.hidden(), config.hidden(), width, vocab, codes,
                    DataType.FLOAT, rng));
            dot = null;
        } else {
            dot = addChild(new ActionScorer("actions", config.hidden(), vocab, codes, DataType.FLOAT, rng));
            scorer = dot;
        }
    }

    public int actions() {
        return dot != null ? dot.actions() : ((MlpActionScorer) scorer).actions();
    }

    /** See {@link ActionScorer#initBias}. */
    public void initActionBias(double[] logits) {
        if (dot != null) {
            dot.initBias(logits);
        } else {
            ((MlpActionScorer) scorer).initBias(logits);
        }
    }

    /** @return [seedCount, actions] logits */
    public INDArray forward(GraphBatch batch) {
        return score(gnn.forward(batch), batch.actionFeatures());
    }

    private INDArray score(INDArray x, INDArray hist) {
        return scorer instanceof MlpActionScorer mlp ? mlp.forward(x, hist) : scorer.forward(x);
    }

    /**
     * Keeps the explained seed's per-action history features: held at their values unless
     * {@link #outputFeaturePath} puts the explained action's on the path.
     */
    @Override
    public void condition(GraphBatch batch) {
        conditioned = batch.actionFeatures();
        pathOutput = -1;
        pathAlphas = null;
    }

    /** The conditioned seed's history features with action {@code outputIndex} (its logit reads no others). */
    @Override
    public double[] outputFeatures(int outputIndex) {
        if (conditioned == null || !(scorer instanceof MlpActionScorer) || conditioned.rows() != actions()) {
            return null;
        }
        return conditioned.getRow(outputIndex).toDoubleVector();
    }

    @Override
    public void outputFeaturePath(int outputIndex, double[] alphas) {
        pathOutput = outputIndex;
        pathAlphas = alphas.clone();
    }

    @Override
    public double[][] outputFeatureGradients() {
        if (pathAlphas == null || !(scorer instanceof MlpActionScorer mlp) || mlp.historyGradient() == null) {
            return null;
        }
        INDArray g = mlp.historyGradient();
        int a = actions();
        double[][] out = new double[pathAlphas.length][];
        for (int k = 0; k < out.length; k++) {
            out[k] = g.getRow((long) k * a + pathOutput).toDoubleVector();
        }
        return out;
    }

    public void backward(INDArray gradLogits) {
        gnn.backward(scorer.backward(gradLogits));
    }

    @Override
    public String seedType() {
        return gnn.seedType();
    }

    /** @return [seedCount, actions] logits of inputs given in embedded form */
    @Override
    public INDArray forward(int seedCount, Map<String, EmbeddedInputs> inputs, Map<EdgeKey, EdgeIndex> edges) {
        INDArray hist = conditioned;
        if (hist != null && seedCount > 1 && hist.rows() == actions()) {
            // The explainer batches copies of one seed's subgraph: every copy has that seed's features.
            hist = org.nd4j.linalg.factory.Nd4j.tile(hist, seedCount, 1);
        }
        if (hist != null && pathAlphas != null) {
            if (pathAlphas.length != seedCount) {
                throw new IllegalStateException(pathAlphas.length + " path points for " + seedCount + " copies");
            }
            hist = hist.dup();
            int a = actions();
            for (int k = 0; k < seedCount; k++) {
                // baseline: no history with the explained action (every count 0, log1p 0 = 0)
                hist.getRow((long) k * a + pathOutput).muli(pathAlphas[k]);
            }
        }
        return score(gnn.forward(seedCount, inputs, edges), hist);
    }

    @Override
    public Map<String, EmbeddedInputs> inputGradients(INDArray gradLogits) {
        return gnn.inputGradients(scorer.backward(gradLogits));
    }

    @Override
    public Map<EdgeKey, double[]> edgeWeightGradients() {
        return gnn.edgeWeightGradients();
    }

    @Override
    public InputEncoder inputEncoder(String type) {
        return gnn.inputEncoder(type);
    }
}
