package org.relgraph.gnn.encode;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The input matrix of a batch's sampled nodes of one type: {@code [numeric columns | child summaries | label
 * history | relative time]} (label history only for the entity type of a model that reads it), each node's groups written side by side into one row-major Java array and handed to ND4J in one bulk copy.
 *
 * <p>Why one array: built as three matrices joined with {@code hstack} (or assigned into a fourth), every node type of
 * every batch cost three more off-heap allocations and two copy ops, a fifth of batch assembly in a profile of
 * scoring.
 */
public final class NodeFeatures {
    private NodeFeatures() {
    }

    /**
     * @param summaries     the type's child summaries, or null when it has none
     * @param rows          table rows of the nodes
     * @param seedTimesMs   per node, the time it is seen at (its seed's time)
     * @param relativeTimes per node, seed time minus the node's time; null for a table without times
     * @return {@code [rows.length, numeric + summaries + RelativeTimeEncoding.WIDTH]} float32
     */
    public static INDArray matrix(RowEncoder encoder, ChildSummaries summaries, int[] rows, long[] seedTimesMs,
                                  long[] relativeTimes) {
        return matrix(encoder, summaries, null, rows, seedTimesMs, relativeTimes);
    }

    /**
     * The same with the rows' own past labels after their child summaries.
     *
     * @param history the label history of the type's rows, or null when the model reads none
     */
    public static INDArray matrix(RowEncoder encoder, ChildSummaries summaries, LabelHistoryFeatures history,
                                  int[] rows, long[] seedTimesMs, long[] relativeTimes) {
        int n = rows.length;
        int numeric = encoder.numericWidth();
        int summaryWidth = (summaries == null ? 0 : summaries.width()) + (history == null ? 0 : history.width());
        int total = numeric + summaryWidth + RelativeTimeEncoding.WIDTH;
        float[] out = new float[n * total];
        encoder.writeNumeric(rows, seedTimesMs, out, total, 0);
        if (summaries != null) {
            for (int i = 0; i < n; i++) {
                summaries.write(rows[i], seedTimesMs[i], out, i * total + numeric);
            }
        }
        if (history != null) {
            int at = numeric + (summaries == null ? 0 : summaries.width());
            for (int i = 0; i < n; i++) {
                history.write(rows[i], seedTimesMs[i], out, i * total + at);
            }
        }
        if (relativeTimes == null) {
            RelativeTimeEncoding.writeStatic(n, out, total, numeric + summaryWidth);
        } else {
            if (relativeTimes.length != n) {
                throw new IllegalArgumentException(n + " rows but " + relativeTimes.length + " relative times");
            }
            RelativeTimeEncoding.write(relativeTimes, out, total, numeric + summaryWidth);
        }
        return FloatRows.matrix(out, n, total);
    }
}
