package org.relgraph.gnn.encode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.CategoricalColumn;

/**
 * A categorical column's vocabulary: the values seen at least {@code minCount} times in the fit rows, most frequent
 * first (ties by value, so fitting is deterministic), at most {@link EncodingConfig#maxVocabulary()} of them.
 *
 * <p>Codes: {@link #UNKNOWN_CODE} (0) for values outside the vocabulary — rare in training, or new since (a table
 * loaded later may hold categories never seen; they fall back here instead of failing) — {@link #NULL_CODE} (1) for
 * null, and {@code 2 + i} for {@code vocabulary.get(i)}. The model learns one embedding per code.
 */
public record CategoricalEncoding(String column, List<String> vocabulary, int minCount) implements ColumnEncoding {
    public static final int UNKNOWN_CODE = 0;
    public static final int NULL_CODE = 1;
    static final int RESERVED_CODES = 2;

    public CategoricalEncoding {
        vocabulary = List.copyOf(vocabulary);
    }

    static CategoricalEncoding fit(CategoricalColumn values, int[] fitRows, EncodingConfig config) {
        int[] count = new int[values.cardinality()];
        for (int r : fitRows) {
            int code = values.code(r);
            if (code != CategoricalColumn.NULL_CODE) {
                count[code]++;
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int code = 0; code < count.length; code++) {
            if (count[code] >= config.minCategoryCount()) {
                kept.add(code);
            }
        }
        List<String> dictionary = values.dictionary();
        kept.sort(Comparator.<Integer>comparingInt(code -> -count[code]).thenComparing(dictionary::get));
        List<String> vocabulary = kept.stream().limit(config.maxVocabulary()).map(dictionary::get).toList();
        return new CategoricalEncoding(values.name(), vocabulary, config.minCategoryCount());
    }

    @Override
    public SemanticType type() {
        return SemanticType.CATEGORICAL;
    }

    public int vocabularySize() {
        return vocabulary.size() + RESERVED_CODES;
    }

    /** The code of one value; null gives {@link #NULL_CODE}, a value outside the vocabulary {@link #UNKNOWN_CODE}. */
    public int codeOf(String value) {
        if (value == null) {
            return NULL_CODE;
        }
        int i = vocabulary.indexOf(value);
        return i < 0 ? UNKNOWN_CODE : i + RESERVED_CODES;
    }

    /**
     * For each dictionary code of {@code values}, its code in this vocabulary. A table's dictionary differs from the
     * one fitted on (other rows, other order), so codes are matched by value once per bound table.
     */
    int[] codesForDictionary(CategoricalColumn values) {
        Map<String, Integer> codeOfValue = new HashMap<>(vocabulary.size() * 2);
        for (int i = 0; i < vocabulary.size(); i++) {
            codeOfValue.put(vocabulary.get(i), i + RESERVED_CODES);
        }
        int[] codes = new int[values.cardinality()];
        for (int d = 0; d < codes.length; d++) {
            codes[d] = codeOfValue.getOrDefault(values.dictionary().get(d), UNKNOWN_CODE);
        }
        return codes;
    }

    CategoricalFeature feature() {
        return new CategoricalFeature(column, vocabulary);
    }
}
