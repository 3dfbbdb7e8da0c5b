package org.relgraph.gnn.encode;

/**
 * Choices made when fitting encodings. Fitted encodings copy what they need (clip limit, bucket count), so a saved
 * model keeps encoding the same way even if these defaults change later.
 *
 * @param clipLimit        standardised numerical values are clipped to ±this, so one extreme row cannot dominate
 * @param skewThreshold    a non-negative numerical column whose skewness exceeds this is log1p-transformed first
 * @param minCategoryCount a category seen fewer times in the fit rows goes to the unknown bucket: too rare to learn
 *                         an embedding for, and a rare value in training is likely an unseen one in production
 * @param maxVocabulary    at most this many categories per column (the most frequent); the rest share the unknown
 *                         bucket, which bounds embedding-table memory
 * @param hashText         whether TEXT columns become hashed bag-of-words features (off: TEXT columns are ignored)
 * @param textBuckets      number of hash buckets for a TEXT column
 * @param childActivity    whether parent rows get {@link ChildActivityEncoding summaries of their child rows}
 * @param maxActivityValues a child's categorical column is counted per value when it has at most this many values
 * @param activityWindowSums whether the child summaries also hold windowed sums and means of the children's
 *                          numerical columns ({@link ChildActivityEncoding#windowSums()}; off by default)
 */
public record EncodingConfig(double clipLimit, double skewThreshold, int minCategoryCount, int maxVocabulary,
                             boolean hashText, int textBuckets, boolean childActivity, int maxActivityValues,
                             boolean activityWindowSums) {
    public EncodingConfig {
        if (!(clipLimit > 0)) {
            throw new IllegalArgumentException("clipLimit must be positive, got " + clipLimit);
        }
        if (minCategoryCount < 1) {
            throw new IllegalArgumentException("minCategoryCount must be at least 1, got " + minCategoryCount);
        }
        if (maxVocabulary < 0) {
            throw new IllegalArgumentException("maxVocabulary must not be negative, got " + maxVocabulary);
        }
        if (maxActivityValues < 0) {
            throw new IllegalArgumentException("maxActivityValues must not be negative, got " + maxActivityValues);
        }
        if (textBuckets < 1) {
            throw new IllegalArgumentException("textBuckets must be at least 1, got " + textBuckets);
        }
    }

    /** Without the child summaries' windowed sums, as before they existed. */
    public EncodingConfig(double clipLimit, double skewThreshold, int minCategoryCount, int maxVocabulary,
                          boolean hashText, int textBuckets, boolean childActivity, int maxActivityValues) {
        this(clipLimit, skewThreshold, minCategoryCount, maxVocabulary, hashText, textBuckets, childActivity,
                maxActivityValues, false);
    }

    public static EncodingConfig defaults() {
        return new EncodingConfig(5.0, 2.0, 2, 1000, true, 16, true, 16, false);
    }

    public EncodingConfig withMinCategoryCount(int minCount) {
        return new EncodingConfig(clipLimit, skewThreshold, minCount, maxVocabulary, hashText, textBuckets,
                childActivity, maxActivityValues, activityWindowSums);
    }

    public EncodingConfig withMaxVocabulary(int max) {
        return new EncodingConfig(clipLimit, skewThreshold, minCategoryCount, max, hashText, textBuckets,
                childActivity, maxActivityValues, activityWindowSums);
    }

    public EncodingConfig withHashText(boolean on) {
        return new EncodingConfig(clipLimit, skewThreshold, minCategoryCount, maxVocabulary, on, textBuckets,
                childActivity, maxActivityValues, activityWindowSums);
    }

    public EncodingConfig withChildActivity(boolean on) {
        return new EncodingConfig(clipLimit, skewThreshold, minCategoryCount, maxVocabulary, hashText, textBuckets, on,
                maxActivityValues, activityWindowSums);
    }

    public EncodingConfig withActivityWindowSums(boolean on) {
        return new EncodingConfig(clipLimit, skewThreshold, minCategoryCount, maxVocabulary, hashText, textBuckets,
                childActivity, maxActivityValues, on);
    }
}
