package org.relgraph.gnn.model;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.nn.Gather;

/**
 * Encoded inputs of the sampled nodes of one type: {@link #features()} is [n, numericWidth + relative-time width]
 * float32 (the row's encoded columns, then how long before its seed it became known), {@link #categoryCodes()}[j]
 * holds categorical column j's code for every node.
 *
 * <p>{@code uniqueIndex}, when not null, says which nodes have identical inputs: node i has the inputs of the
 * {@code uniqueIndex[i]}-th distinct input, distinct inputs numbered in order of first appearance. The same table
 * row seen at the same seed time is the same input wherever the sampler reaches it (a seed customer reached back
 * through each of its 20 transactions, say), so {@link InputEncoder} encodes each distinct input once and copies
 * it, which gives the same rows. Null: every node is encoded.
 *
 * <p>Inputs made {@link #ofDistinct} hold one feature row and one set of codes per distinct input and build the
 * per-node ones only when someone asks for them: a 512-seed batch at fanouts 20,10 has ~28k customer nodes but ~1k distinct customer
 * inputs, each a few hundred columns wide with child summaries, and the model only reads the distinct rows.
 * Not thread-safe: hand a batch from the thread that assembled it to one thread that uses it.
 */
public final class NodeInputs {
    private final INDArray stored; // per node, or per distinct input when distinctOnly
    private final boolean distinctOnly;
    private final int[][] storedCodes; // as stored
    private final int[] uniqueIndex;
    private final int uniqueCount;
    private INDArray perNode; // built on first use when distinctOnly
    private int[][] perNodeCodes; // likewise

    public NodeInputs(INDArray features, int[][] categoryCodes, int[] uniqueIndex) {
        this(features, false, categoryCodes, uniqueIndex);
    }

    public NodeInputs(INDArray features, int[][] categoryCodes) {
        this(features, categoryCodes, null);
    }

    private NodeInputs(INDArray stored, boolean distinctOnly, int[][] categoryCodes, int[] uniqueIndex) {
        this.stored = stored;
        this.distinctOnly = distinctOnly;
        this.storedCodes = categoryCodes;
        this.uniqueIndex = uniqueIndex;
        for (int[] codes : categoryCodes) {
            if (codes.length != stored.size(0)) {
                throw new IllegalArgumentException(codes.length + " category codes for " + stored.size(0)
                        + " feature rows");
            }
        }
        int next = (int) stored.size(0);
        if (uniqueIndex != null) {
            long nodes = distinctOnly ? uniqueIndex.length : stored.size(0);
            if (uniqueIndex.length != nodes) {
                throw new IllegalArgumentException(nodes + " rows but " + uniqueIndex.length + " unique indices");
            }
            next = 0;
            for (int i = 0; i < uniqueIndex.length; i++) {
                int u = uniqueIndex[i];
                if (u < 0 || u > next) {
                    throw new IllegalArgumentException("unique index " + u + " at row " + i
                            + ": distinct inputs must be numbered in order of first appearance");
                }
                next = Math.max(next, u + 1);
            }
            if (distinctOnly && stored.size(0) != next) {
                throw new IllegalArgumentException(stored.size(0) + " feature rows for " + next + " distinct inputs");
            }
        }
        this.uniqueCount = next;
    }

    /**
     * @param distinctFeatures one row per distinct input, in the order of {@code uniqueIndex}'s numbering
     * @param distinctCodes    per categorical column, each distinct input's code, in the same order
     */
    public static NodeInputs ofDistinct(INDArray distinctFeatures, int[][] distinctCodes, int[] uniqueIndex) {
        if (uniqueIndex == null) {
            throw new IllegalArgumentException("distinct inputs need the unique index that maps nodes to them");
        }
        return new NodeInputs(distinctFeatures, true, distinctCodes, uniqueIndex);
    }

    /** [n, width]: every node's feature row. */
    public INDArray features() {
        if (!distinctOnly) {
            return stored;
        }
        if (perNode == null) {
            // Kept beyond any workspace the caller has open: it is cached on this object.
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                perNode = new Gather().forward(stored, uniqueIndex);
            }
        }
        return perNode;
    }

    /** Every node's value of feature column {@code j}, without building the per-node feature rows. */
    public double[] featureColumn(int j) {
        double[] stored = this.stored.getColumn(j).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .toDoubleVector();
        if (!distinctOnly) {
            return stored;
        }
        double[] perNode = new double[uniqueIndex.length];
        for (int i = 0; i < perNode.length; i++) {
            perNode[i] = stored[uniqueIndex[i]];
        }
        return perNode;
    }

    /** [uniqueCount, width]: the feature row of each distinct input, that of its first node. */
    public INDArray distinctFeatures() {
        if (distinctOnly || uniqueIndex == null) {
            return stored;
        }
        return new Gather().forward(stored, firstRows());
    }

    /** Per categorical column, every node's code. */
    public int[][] categoryCodes() {
        if (!distinctOnly) {
            return storedCodes;
        }
        if (perNodeCodes == null) {
            perNodeCodes = pick(storedCodes, uniqueIndex);
        }
        return perNodeCodes;
    }

    /** Per categorical column, each distinct input's code, that of its first node. */
    public int[][] distinctCategoryCodes() {
        return distinctOnly || uniqueIndex == null ? storedCodes : pick(storedCodes, firstRows());
    }

    public int categoricalCount() {
        return storedCodes.length;
    }

    private static int[][] pick(int[][] codes, int[] at) {
        int[][] out = new int[codes.length][at.length];
        for (int j = 0; j < codes.length; j++) {
            for (int i = 0; i < at.length; i++) {
                out[j][i] = codes[j][at[i]];
            }
        }
        return out;
    }

    public int[] uniqueIndex() {
        return uniqueIndex;
    }

    public int size() {
        return uniqueIndex != null ? uniqueIndex.length : (int) stored.size(0);
    }

    /** Number of distinct inputs: {@link #size()} when no unique index is known. */
    public int uniqueCount() {
        return uniqueCount;
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
        return new NodeInputs(features(), categoryCodes(), null);
    }
}
