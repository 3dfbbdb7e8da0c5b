package org.relgraph.gnn.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One node type's inputs with the categorical codes already looked up: {@code features} as in {@link NodeInputs},
 * {@code categoryEmbedding} [n, hidden] the sum of each node's categorical embeddings. Codes are integers and have
 * no gradient; in this form inputs can be interpolated and differentiated, which attribution needs.
 */
public record EmbeddedInputs(INDArray features, INDArray categoryEmbedding) {
    public EmbeddedInputs {
        if (features.size(0) != categoryEmbedding.size(0)) {
            throw new IllegalArgumentException(features.size(0) + " feature rows but " + categoryEmbedding.size(0)
                    + " embedding rows");
        }
    }
}
