package org.relgraph.gnn.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.nn.Embedding;
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

    /**
     * @param featureWidth     columns of {@link NodeInputs#features()}
     * @param vocabularySizes  per categorical column, the number of codes
     */
    public InputEncoder(String name, int featureWidth, int[] vocabularySizes, int hidden, DataType dtype,
                        SplittableRandom rng) {
        features = addChild(new Linear(name + ".features", featureWidth, hidden, true, dtype, rng));
        for (int j = 0; j < vocabularySizes.length; j++) {
            embeddings.add(addChild(new Embedding(name + ".category" + j, vocabularySizes[j], hidden, dtype, rng)));
        }
    }

    /** @return [n, hidden] */
    public INDArray forward(NodeInputs in) {
        if (in.categoryCodes().length != embeddings.size()) {
            throw new IllegalArgumentException("expected " + embeddings.size() + " categorical columns, got "
                    + in.categoryCodes().length);
        }
        INDArray h = features.forward(in.features());
        for (int j = 0; j < embeddings.size(); j++) {
            h.addi(embeddings.get(j).forward(in.categoryCodes()[j]));
        }
        return h;
    }

    /** Accumulates parameter gradients; inputs are data, so nothing is returned. */
    public void backward(INDArray gradOut) {
        features.backward(gradOut);
        for (Embedding e : embeddings) {
            e.backward(gradOut);
        }
    }
}
