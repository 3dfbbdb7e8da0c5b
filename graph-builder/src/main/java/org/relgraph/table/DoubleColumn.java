package org.relgraph.table;

import java.util.BitSet;
import org.relgraph.schema.SemanticType;

/** Numerical or boolean (0/1) values. */
public record DoubleColumn(String name, SemanticType type, double[] values, BitSet nulls) implements Column {
    public DoubleColumn {
        if (type != SemanticType.NUMERICAL && type != SemanticType.BOOLEAN) {
            throw new IllegalArgumentException("DoubleColumn holds numerical or boolean values, not " + type);
        }
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isNull(int row) {
        return nulls.get(row);
    }

    public double get(int row) {
        return values[row];
    }

    @Override
    public String format(int row) {
        if (isNull(row)) {
            return null;
        }
        double v = values[row];
        if (type == SemanticType.BOOLEAN) {
            return v != 0 ? "true" : "false";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
