package org.relgraph.gnn.encode;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Model inputs for {@code n} rows of one table: a float32 matrix {@code [n, layout.numericWidth()]} of numeric,
 * flag, calendar and word features, and one code per row for each categorical column.
 *
 * <p>Codes are held column by column ({@code int[n]} per categorical column) because an embedding lookup gathers
 * one column's codes at a time.
 */
public final class EncodedBatch {
    private final int rowCount;
    private final INDArray numeric;
    private final int[][] codesByColumn;
    private final int[] vocabularySizes;
    private final FeatureLayout layout;

    EncodedBatch(int rowCount, INDArray numeric, int[][] codesByColumn, int[] vocabularySizes, FeatureLayout layout) {
        this.rowCount = rowCount;
        this.numeric = numeric;
        this.codesByColumn = codesByColumn;
        this.vocabularySizes = vocabularySizes;
        this.layout = layout;
    }

    public int rowCount() {
        return rowCount;
    }

    /** {@code [n, numericWidth]}, float32. */
    public INDArray numeric() {
        return numeric;
    }

    public int categoricalCount() {
        return codesByColumn.length;
    }

    /** Codes of categorical column {@code column} for every row, each in {@code [0, vocabularySize(column))}. */
    public int[] categoryCodes(int column) {
        return codesByColumn[column].clone();
    }

    public int categoryCode(int row, int column) {
        return codesByColumn[column][row];
    }

    public int vocabularySize(int column) {
        return vocabularySizes[column];
    }

    public FeatureLayout layout() {
        return layout;
    }
}
