package org.relgraph.models.features;

import java.util.List;

/**
 * Dense features, row-major, one row per training-table example in the table's order; a missing value is NaN
 * (what XGBoost treats as missing).
 */
public record FeatureMatrix(int rows, List<FeatureColumn> columns, float[] values) {
    public FeatureMatrix {
        columns = List.copyOf(columns);
        if ((long) rows * columns.size() != values.length) {
            throw new IllegalArgumentException(rows + " rows x " + columns.size() + " columns != " + values.length
                    + " values");
        }
    }

    public int columnCount() {
        return columns.size();
    }

    public float get(int row, int column) {
        return values[row * columns.size() + column];
    }

    public List<String> names() {
        return columns.stream().map(FeatureColumn::name).toList();
    }

    /**
     * This matrix as it would be computed with {@code mask}'s input hidden: a masked table's aggregates take their
     * value without rows, a masked entity column is missing. Exact, because a feature reads only the tables and
     * column its {@link FeatureColumn} names; the leakage audit relies on it to mask without recomputing.
     */
    public FeatureMatrix masked(InputMask mask) {
        int width = columns.size();
        float[] out = values.clone();
        for (int c = 0; c < width; c++) {
            Float v = columns.get(c).maskedValue(mask);
            if (v != null) {
                for (int r = 0; r < rows; r++) {
                    out[r * width + c] = v;
                }
            }
        }
        return new FeatureMatrix(rows, columns, out);
    }

    /**
     * This matrix with {@code right}'s columns after its own, row by row: how a model appends inputs of another
     * source (the GNN's node inputs) to the point-in-time features.
     */
    public FeatureMatrix withColumnsOf(FeatureMatrix right) {
        if (right.rows() != rows) {
            throw new IllegalArgumentException(rows + " rows, but the appended columns have " + right.rows());
        }
        int left = columns.size();
        int added = right.columnCount();
        int width = left + added;
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(values, r * left, out, r * width, left);
            System.arraycopy(right.values(), r * added, out, r * width + left, added);
        }
        List<FeatureColumn> all = new java.util.ArrayList<>(columns);
        all.addAll(right.columns());
        return new FeatureMatrix(rows, all, out);
    }

    public int indexOf(String name) {
        for (int c = 0; c < columns.size(); c++) {
            if (columns.get(c).name().equals(name)) {
                return c;
            }
        }
        return -1;
    }
}
