package org.relgraph.gnn.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Encoded inputs of the sampled nodes of one type: {@code features} is [n, numericWidth + relative-time width]
 * float32 (the row's encoded columns, then how long before its seed it became known), {@code categoryCodes[j]}
 * holds categorical column j's code for every node.
 */
public record NodeInputs(INDArray features, int[][] categoryCodes) {
    public int size() {
        return (int) features.size(0);
    }
}
