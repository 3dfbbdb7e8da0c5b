package org.relgraph.gnn.model;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Encoded inputs of the sampled nodes of one type: {@code features} is [n, numericWidth + relative-time width]
 * float32 (the row's encoded columns, then how long before its seed it became known), {@code categoryCodes[j]}
 * holds categorical column j's code for every node.
 *
 * <p>{@code uniqueIndex}, when not null, says which nodes have identical inputs: node i has the inputs of the
 * {@code uniqueIndex[i]}-th distinct input, distinct inputs numbered in order of first appearance. The same table
 * row seen at the same seed time is the same input wherever the sampler reaches it (a seed customer reached back
 * through each of its 20 transactions, say), so {@link InputEncoder} encodes each distinct input once and copies
 * it, which gives the same rows. Null: every node is encoded.
 */
public record NodeInputs(INDArray features, int[][] categoryCodes, int[] uniqueIndex) {
    public NodeInputs {
        if (uniqueIndex != null) {
            if (uniqueIndex.length != features.size(0)) {
                throw new IllegalArgumentException(features.size(0) + " rows but " + uniqueIndex.length
                        + " unique indices");
            }
            int next = 0;
            for (int i = 0; i < uniqueIndex.length; i++) {
                int u = uniqueIndex[i];
                if (u < 0 || u > next) {
                    throw new IllegalArgumentException("unique index " + u + " at row " + i
                            + ": distinct inputs must be numbered in order of first appearance");
                }
                next = Math.max(next, u + 1);
            }
        }
    }

    public NodeInputs(INDArray features, int[][] categoryCodes) {
        this(features, categoryCodes, null);
    }

    public int size() {
        return (int) features.size(0);
    }

    /** Number of distinct inputs: {@link #size()} when no unique index is known. */
    public int uniqueCount() {
        if (uniqueIndex == null) {
            return size();
        }
        int max = -1;
        for (int u : uniqueIndex) {
            max = Math.max(max, u);
        }
        return max + 1;
    }

    /** Per distinct input, the first node that has it; the identity when no unique index is known. */
    public int[] firstRows() {
        if (uniqueIndex == null) {
            int[] first = new int[size()];
            java.util.Arrays.setAll(first, i -> i);
            return first;
        }
        return firstOccurrences(uniqueIndex);
    }

    /** Per distinct input of {@code uniqueIndex} (numbered in order of first appearance), its first node. */
    static int[] firstOccurrences(int[] uniqueIndex) {
        int distinct = 0;
        for (int u : uniqueIndex) {
            distinct = Math.max(distinct, u + 1);
        }
        int[] first = new int[distinct];
        int next = 0;
        for (int i = 0; i < uniqueIndex.length; i++) {
            if (uniqueIndex[i] == next) {
                first[next++] = i;
            }
        }
        return first;
    }

    /** The same inputs without the unique index, so that every node is encoded on its own. */
    public NodeInputs withoutUniqueIndex() {
        return new NodeInputs(features, categoryCodes, null);
    }
}
