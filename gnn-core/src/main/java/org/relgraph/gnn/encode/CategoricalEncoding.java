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
 *
 * @param rareValueHashes sorted 64-bit hashes of the values the fit rows held but the vocabulary left out (too
 *                        rare, or past the cap), so that a value new since training can be told from one that was
 *                        merely rare; null when there were more than {@link #MAX_RARE_HASHES} of them, or for a
 *                        bundle written before they were kept
 */
public record CategoricalEncoding(String column, List<String> vocabulary, int minCount, List<Long> rareValueHashes)
        implements ColumnEncoding {
    public static final int UNKNOWN_CODE = 0;
    public static final int NULL_CODE = 1;
    static final int RESERVED_CODES = 2;
    /** Beyond this many rare values the hashes would bloat the bundle; new values are then not told apart. */
    static final int MAX_RARE_HASHES = 10_000;

    public CategoricalEncoding {
        vocabulary = List.copyOf(vocabulary);
        rareValueHashes = rareValueHashes == null ? null : rareValueHashes.stream().sorted().toList();
    }

    /** An encoding that keeps no record of its rare values, as bundles from before they were kept. */
    public CategoricalEncoding(String column, List<String> vocabulary, int minCount) {
        this(column, vocabulary, minCount, null);
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
        java.util.Set<String> inVocabulary = new java.util.HashSet<>(vocabulary);
        List<Long> rare = new ArrayList<>();
        for (int code = 0; code < count.length; code++) {
            if (count[code] > 0 && !inVocabulary.contains(dictionary.get(code))) {
                rare.add(hash(dictionary.get(code)));
            }
        }
        return new CategoricalEncoding(values.name(), vocabulary, config.minCategoryCount(),
                rare.size() > MAX_RARE_HASHES ? null : rare);
    }

    /**
     * Whether {@code value} occurred in the rows this encoding was fitted on: true for the vocabulary and the rare
     * values, false for a value new since; null when that is not known ({@link #rareValueHashes} is null).
     */
    public Boolean seenInFitting(String value) {
        if (vocabulary.contains(value)) {
            return true;
        }
        return rareValueHashes == null ? null
                : java.util.Collections.binarySearch(rareValueHashes, hash(value)) >= 0;
    }

    /** FNV-1a over the UTF-8 bytes: stable across JVMs and releases, unlike String.hashCode's 32 bits. */
    static long hash(String value) {
        long h = 0xcbf29ce484222325L;
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
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
