package org.relgraph.gnn.encode;

/**
 * A node type's child summaries as a batch's input matrix takes them: per (row, the time it is seen at), a fixed
 * number of floats. {@link ChildActivityFeatures} computes them from a loaded graph; a reader of materialised
 * neighbourhoods (the Spark jobs) looks up the floats that were computed by it elsewhere, so both paths encode
 * the same inputs.
 */
public interface ChildSummaries {
    /** Floats per row. */
    int width();

    /** Writes row {@code row}'s summaries as of {@code seedTimeMs} into {@code out[offset .. offset + width)}. */
    void write(int row, long seedTimeMs, float[] out, int offset);
}
