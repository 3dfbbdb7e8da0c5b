package org.relgraph.gnn.encode;

/**
 * One column's numeric features bound to the column's values. Writes column by column into a row-major matrix
 * so the per-row loop has no type dispatch.
 */
interface NumericColumnWriter {
    /**
     * For each {@code i}, writes the features of table row {@code rows[i]}, seen at {@code seedTimesMs[i]}, into
     * {@code out[i * rowStride + offset ...]}.
     */
    void write(int[] rows, long[] seedTimesMs, float[] out, int rowStride, int offset);
}
