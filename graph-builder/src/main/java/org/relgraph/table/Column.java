package org.relgraph.table;

import org.relgraph.schema.SemanticType;

/**
 * One column of a columnar table: values in a primitive array, nulls in a mask.
 * Implementations are immutable once built.
 */
public sealed interface Column permits DoubleColumn, LongColumn, CategoricalColumn {
    String name();

    SemanticType type();

    int size();

    boolean isNull(int row);

    /** The value as a user would read it ("34", "Mass Affluent", "2024-03-01T00:00:00Z"), or null. */
    String format(int row);

    /** A column of the same name, type (and dictionary) with no values. */
    default Column emptyCopy() {
        if (this instanceof DoubleColumn d) {
            return new DoubleColumn(d.name(), d.type(), new double[0], new java.util.BitSet());
        }
        if (this instanceof LongColumn l) {
            return new LongColumn(l.name(), l.type(), new long[0], new java.util.BitSet());
        }
        CategoricalColumn c = (CategoricalColumn) this;
        return new CategoricalColumn(c.name(), c.type(), new int[0], c.dictionary());
    }

    /** A column of the same name, type, size (and dictionary) whose values are all null. */
    default Column allNull() {
        java.util.BitSet nulls = new java.util.BitSet();
        nulls.set(0, size());
        if (this instanceof DoubleColumn d) {
            return new DoubleColumn(d.name(), d.type(), new double[size()], nulls);
        }
        if (this instanceof LongColumn l) {
            return new LongColumn(l.name(), l.type(), new long[size()], nulls);
        }
        CategoricalColumn c = (CategoricalColumn) this;
        int[] codes = new int[size()];
        java.util.Arrays.fill(codes, CategoricalColumn.NULL_CODE);
        return new CategoricalColumn(c.name(), c.type(), codes, c.dictionary());
    }

    default int nullCount() {
        int n = 0;
        for (int i = 0; i < size(); i++) {
            if (isNull(i)) {
                n++;
            }
        }
        return n;
    }
}
