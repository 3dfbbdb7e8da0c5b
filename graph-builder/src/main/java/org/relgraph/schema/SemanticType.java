package org.relgraph.schema;

/** What a column means to a model, which decides how it is stored and encoded. */
public enum SemanticType {
    /** A quantity: standardised and fed as a number. */
    NUMERICAL,
    /** A label from a small vocabulary: dictionary-encoded, embedded. */
    CATEGORICAL,
    /** A point in time: stored as epoch milliseconds (UTC). */
    TIMESTAMP,
    /** Free text: dictionary-encoded, optionally hashed into features. */
    TEXT,
    /** A key (primary or foreign): joins rows, never a feature. */
    ID,
    /** True/false: stored as 0/1. */
    BOOLEAN;

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static SemanticType fromYaml(String s) {
        return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
