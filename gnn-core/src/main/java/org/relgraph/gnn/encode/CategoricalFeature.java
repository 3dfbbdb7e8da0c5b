package org.relgraph.gnn.encode;

import java.util.List;

/**
 * One column of category codes, described for explanations: code {@link CategoricalEncoding#UNKNOWN_CODE} is the
 * unknown/rare bucket, {@link CategoricalEncoding#NULL_CODE} is null, and code {@code 2 + i} is
 * {@code vocabulary.get(i)}.
 */
public record CategoricalFeature(String column, List<String> vocabulary) {
    public CategoricalFeature {
        vocabulary = List.copyOf(vocabulary);
    }

    /** Number of distinct codes, i.e. the rows an embedding table for this column needs. */
    public int vocabularySize() {
        return vocabulary.size() + CategoricalEncoding.RESERVED_CODES;
    }

    public String label(int code) {
        if (code == CategoricalEncoding.UNKNOWN_CODE) {
            return column + " = <unknown or rare>";
        }
        if (code == CategoricalEncoding.NULL_CODE) {
            return column + " is missing";
        }
        return column + " = " + vocabulary.get(code - CategoricalEncoding.RESERVED_CODES);
    }
}
