package org.relgraph.gnn.encode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What each model input of one table means: numeric matrix column {@code i} is {@code numeric().get(i)}, category
 * code column {@code j} is {@code categorical().get(j)}. Explanations map attributions back through this.
 */
public record FeatureLayout(String table, List<NumericFeature> numeric, List<CategoricalFeature> categorical) {
    public FeatureLayout {
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
    }

    public int numericWidth() {
        return numeric.size();
    }

    public int categoricalCount() {
        return categorical.size();
    }

    /** Index of the first numeric feature of {@code column} with that kind (word buckets: bucket 0). */
    public int indexOf(String column, FeatureKind kind) {
        for (int i = 0; i < numeric.size(); i++) {
            NumericFeature f = numeric.get(i);
            if (f.column().equalsIgnoreCase(column) && f.kind() == kind) {
                return i;
            }
        }
        throw new IllegalArgumentException("table '" + table + "' has no numeric feature " + kind + " of column '"
                + column + "'; features are: "
                + numeric.stream().map(NumericFeature::label).collect(Collectors.joining(", ")));
    }

    /** Index of {@code column} among the category code columns. */
    public int categoricalIndexOf(String column) {
        for (int j = 0; j < categorical.size(); j++) {
            if (categorical.get(j).column().equalsIgnoreCase(column)) {
                return j;
            }
        }
        throw new IllegalArgumentException("table '" + table + "' has no categorical feature '" + column
                + "'; categorical columns are: "
                + categorical.stream().map(CategoricalFeature::column).collect(Collectors.joining(", ")));
    }
}
