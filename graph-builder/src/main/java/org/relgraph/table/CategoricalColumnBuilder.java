package org.relgraph.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.schema.SemanticType;

/** Builds a {@link CategoricalColumn} row by row, assigning codes in order of first appearance. */
public final class CategoricalColumnBuilder {
    private final String name;
    private final SemanticType type;
    private final Map<String, Integer> codeOf = new HashMap<>();
    private final List<String> dictionary = new ArrayList<>();
    private int[] codes;
    private int size;

    public CategoricalColumnBuilder(String name, SemanticType type, int expectedRows) {
        this.name = name;
        this.type = type;
        this.codes = new int[Math.max(16, expectedRows)];
    }

    public void add(String value) {
        if (size == codes.length) {
            codes = Arrays.copyOf(codes, codes.length * 2);
        }
        if (value == null) {
            codes[size++] = CategoricalColumn.NULL_CODE;
            return;
        }
        Integer code = codeOf.get(value);
        if (code == null) {
            code = dictionary.size();
            dictionary.add(value);
            codeOf.put(value, code);
        }
        codes[size++] = code;
    }

    public CategoricalColumn build() {
        return new CategoricalColumn(name, type, Arrays.copyOf(codes, size), dictionary);
    }
}
