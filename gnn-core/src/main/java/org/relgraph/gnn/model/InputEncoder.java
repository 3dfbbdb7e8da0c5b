package org.relgraph.gnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.nn.Embedding;
import org.relgraph.gnn.nn.Gather;
import org.relgraph.gnn.nn.Linear;
import org.relgraph.gnn.nn.Module;

/**
 * Maps one node type's encoded rows into the hidden space: a linear map of the numeric and relative-time features
 * plus, per categorical column, a learned embedding of its code. Summing the embeddings (rather than concatenating)
 * keeps the hidden width independent of how many categorical columns a table has.
 */
public final class InputEncoder extends Module {
    private final Linear features;
    private final List<Embedding> embeddings = new ArrayList<>();
    private final int hidden;
    // The embeddings cache codes only when forward saw codes; their backward after an embedded forward would
    // credit stale codes.
    private boolean lastForwardFromCodes;
    private boolean lastForwardDeduplicated;
    /** Copies each distinct input's encoding to its nodes; backward sums the copies' gradients. */
    private final Gather copies = new Gather();

    /**
     * @param featureWidth     columns of {@link NodeInputs#features()}
     * @param vocabularySizes  per categorical column, the number of codes
     */
    public InputEncoder(String name, int featureWidth, int[] vocabularySizes, int hidden, DataType dtype,
                        SplittableRandom rng) {
        this.hidden = hidden;
        features = addChild(new Linear(name + ".features", featureWidth, hidden, true, dtype, rng));
        for (int j = 0; j < vocabularySizes.length; j++) {
            embeddings.add(addChild(new Embedding(name + ".category" + j, vocabularySizes[j], hidden, dtype, rng)));
        }
    }

    /** @return [n, hidden] */
    public INDArray forward(NodeInputs in) {
        if (in.categoricalCount() != embeddings.size()) {
            throw new IllegalArgumentException("expected " + embeddings.size() + " categorical columns, got "
                    + in.categoricalCount());
        }
        lastForwardFromCodes = true;
        int unique = in.uniqueCount();
        // Encode each distinct input once and copy it to its nodes when that saves at least a tenth of the rows.
        lastForwardDeduplicated = unique < 0.9 * in.size();
        if (!lastForwardDeduplicated) {
            return encode(in.features(), in.categoryCodes());
        }
        INDArray distinct = encode(in.distinctFeatures(), in.distinctCategoryCodes());
        return copies.forward(distinct, in.uniqueIndex());
    }

    private INDArray encode(INDArray featureRows, int[][] codes) {
        INDArray h = features.forward(featureRows);
        for (int j = 0; j < embeddings.size(); j++) {
            embeddings.get(j).forwardAddInto(codes[j], h);
        }
        return h;
    }

    /** @return [n, hidden], the same as {@link #forward(NodeInputs)} of the codes the embedding was summed from */
    public INDArray forward(EmbeddedInputs in) {
        if (in.categoryEmbedding().size(1) != hidden) {
            throw new IllegalArgumentException("expected " + hidden + " embedding columns, got "
                    + in.categoryEmbedding().size(1));
        }
        lastForwardFromCodes = false;
        lastForwardDeduplicated = false;
        return features.forward(in.features()).addi(in.categoryEmbedding());
    }

    /** Width of the encoder's output and of every embedding. */
    public int hidden() {
        return hidden;
    }

    public int categoricalCount() {
        return embeddings.size();
    }

    /** @return [codes.length, hidden], a copy of column {@code column}'s embedding row of each code */
    public INDArray embed(int column, int[] codes) {
        return embeddings.get(column).table().value().getRows(codes);
    }

    /**
     * Gradient with respect to the inputs of the last forward, either form: dFeatures, and dCategoryEmbedding,
     * which is {@code gradOut} itself since the embeddings are added. Also accumulates the feature map's parameter
     * gradients, as {@link #backward} does.
     */
    public EmbeddedInputs backwardToInputs(INDArray gradOut) {
        if (lastForwardDeduplicated) {
            throw new IllegalStateException("the last forward encoded shared inputs once, so they have no per-node "
                    + "gradient; give the inputs in embedded form (or without a unique index) to differentiate them");
        }
        return new EmbeddedInputs(features.backward(gradOut), gradOut);
    }

    /** Accumulates parameter gradients; inputs are data, so nothing is returned. */
    public void backward(INDArray gradOut) {
        if (!lastForwardFromCodes) {
            throw new IllegalStateException("the last forward was given embeddings, not codes: there are no "
                    + "embedding rows to credit; use backwardToInputs");
        }
        INDArray g = lastForwardDeduplicated ? copies.backward(gradOut) : gradOut;
        features.backward(g);
        for (Embedding e : embeddings) {
            e.backward(g);
        }
    }
}
