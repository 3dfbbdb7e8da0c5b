package org.relgraph.gnn.encode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;

/**
 * A text column as a hashed bag of words: the text is lower-cased and split into runs of letters and digits; each
 * word hashes into one of {@code buckets} buckets and feature {@code b} is the share of the text's words in bucket
 * {@code b} (so long and short texts are on the same scale). Then a missing flag. A text with no words encodes as
 * zeros without the flag. Nothing is fitted: hashing needs no vocabulary, so unseen words still land somewhere.
 *
 * <p>Words hash with {@link String#hashCode()}, whose value the Java specification fixes, so encodings are the
 * same on every JVM.
 */
public record TextHashEncoding(String column, int buckets) implements NumericColumnEncoding {
    public TextHashEncoding {
        if (buckets < 1) {
            throw new IllegalArgumentException("column " + column + ": buckets must be at least 1, got " + buckets);
        }
    }

    @Override
    public SemanticType type() {
        return SemanticType.TEXT;
    }

    @Override
    public List<NumericFeature> features() {
        List<NumericFeature> f = new ArrayList<>(buckets + 1);
        for (int b = 0; b < buckets; b++) {
            f.add(NumericFeature.wordBucket(column, b));
        }
        f.add(NumericFeature.of(column, FeatureKind.MISSING));
        return f;
    }

    /**
     * Texts are dictionary-encoded, so each distinct text is hashed once, on first use. The cache makes the bound
     * writer unsafe to share between threads.
     */
    @Override
    public NumericColumnWriter bind(Column column) {
        CategoricalColumn c = (CategoricalColumn) column;
        float[][] bagOfCode = new float[c.cardinality()][];
        return (rows, seedTimesMs, out, stride, offset) -> {
            for (int i = 0; i < rows.length; i++) {
                int code = c.code(rows[i]);
                int at = i * stride + offset;
                if (code == CategoricalColumn.NULL_CODE) {
                    out[at + buckets] = 1f;
                    continue;
                }
                float[] bag = bagOfCode[code];
                if (bag == null) {
                    bag = bagOfWords(c.dictionary().get(code));
                    bagOfCode[code] = bag;
                }
                System.arraycopy(bag, 0, out, at, buckets);
            }
        };
    }

    float[] bagOfWords(String text) {
        float[] bag = new float[buckets];
        String lower = text.toLowerCase(Locale.ROOT);
        int words = 0;
        int start = -1;
        for (int i = 0; i <= lower.length(); i++) {
            boolean wordChar = i < lower.length() && Character.isLetterOrDigit(lower.charAt(i));
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                bag[bucketOf(lower.substring(start, i))]++;
                words++;
                start = -1;
            }
        }
        for (int b = 0; b < buckets && words > 0; b++) {
            bag[b] /= words;
        }
        return bag;
    }

    int bucketOf(String word) {
        // String.hashCode's low bits are weak for short words; mix before taking the remainder.
        int h = word.hashCode() * 0x9E3779B9;
        return Math.floorMod(h ^ (h >>> 16), buckets);
    }
}
