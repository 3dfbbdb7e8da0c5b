package org.relgraph.table;

import java.util.List;
import org.relgraph.schema.SemanticType;

/**
 * Dictionary-encoded strings: categoricals, text, and string keys. {@code codes[row]} indexes
 * {@code dictionary}; {@link #NULL_CODE} marks a null.
 */
public record CategoricalColumn(String name, SemanticType type, int[] codes, List<String> dictionary)
        implements Column {
    public static final int NULL_CODE = -1;

    public CategoricalColumn {
        dictionary = List.copyOf(dictionary);
    }

    @Override
    public int size() {
        return codes.length;
    }

    @Override
    public boolean isNull(int row) {
        return codes[row] == NULL_CODE;
    }

    public int code(int row) {
        return codes[row];
    }

    public String get(int row) {
        int c = codes[row];
        return c == NULL_CODE ? null : dictionary.get(c);
    }

    @Override
    public String format(int row) {
        return get(row);
    }

    public int cardinality() {
        return dictionary.size();
    }
}
