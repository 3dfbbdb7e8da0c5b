package org.relgraph.gnn.encode;

/** What one numeric input feature measures about its column. */
public enum FeatureKind {
    /** The (standardised) value itself; booleans as 0/1. */
    VALUE,
    /** 1 when the value is null (the value features are then 0), else 0. */
    MISSING,
    MONTH_SIN,
    MONTH_COS,
    WEEKDAY_SIN,
    WEEKDAY_COS,
    HOUR_SIN,
    HOUR_COS,
    /** Seed time minus the timestamp, in days, signed-log1p scaled. */
    AGE,
    /** Share of a text's words that hash into one bucket. */
    WORD_BUCKET
}
