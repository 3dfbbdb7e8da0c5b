package org.relgraph.source;

import org.relgraph.schema.SemanticType;

/**
 * How a column's values arrive from SQL, once the source's query has converted them: the query does the
 * parsing (in DuckDB or PostgreSQL) so Java only copies primitives.
 */
enum ColumnStorage {
    /** DOUBLE: numerical, or boolean as 0/1. */
    DOUBLE,
    /** BIGINT: integer ids, or timestamps as epoch milliseconds UTC. */
    LONG,
    /** VARCHAR: categoricals, text, non-integer ids. */
    STRING;

    static ColumnStorage of(SemanticType type, boolean integerId) {
        return switch (type) {
            case NUMERICAL, BOOLEAN -> DOUBLE;
            case TIMESTAMP -> LONG;
            case ID -> integerId ? LONG : STRING;
            case CATEGORICAL, TEXT -> STRING;
        };
    }
}
