package org.relgraph.gnn.encode;

import java.util.Objects;

/**
 * One column of the numeric input matrix, described for explanations.
 *
 * @param label human-readable, e.g. "amount", "amount is missing", "open_date month sin"
 */
public record NumericFeature(String column, FeatureKind kind, String label) {
    public NumericFeature {
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(label, "label");
    }

    static NumericFeature of(String column, FeatureKind kind) {
        String label = switch (kind) {
            case VALUE -> column;
            case MISSING -> column + " is missing";
            case MONTH_SIN -> column + " month sin";
            case MONTH_COS -> column + " month cos";
            case WEEKDAY_SIN -> column + " weekday sin";
            case WEEKDAY_COS -> column + " weekday cos";
            case HOUR_SIN -> column + " hour sin";
            case HOUR_COS -> column + " hour cos";
            case AGE -> column + " age (days, log)";
            case WORD_BUCKET -> throw new IllegalArgumentException("word buckets are numbered: use wordBucket()");
        };
        return new NumericFeature(column, kind, label);
    }

    static NumericFeature wordBucket(String column, int bucket) {
        return new NumericFeature(column, FeatureKind.WORD_BUCKET, column + " word bucket " + bucket);
    }
}
