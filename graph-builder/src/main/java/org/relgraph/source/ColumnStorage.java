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
    STRING,
    /**
     * INTEGER: a string column with few distinct values, arriving as its dictionary code (first appearance
     * order, as {@link org.relgraph.table.CategoricalColumnBuilder} numbers them) so no String is made per row.
     */
    CODE;

    static ColumnStorage of(SemanticType type, boolean integerId) {
        return switch (type) {
            case NUMERICAL, BOOLEAN -> DOUBLE;
            case TIMESTAMP -> LONG;
            case ID -> integerId ? LONG : STRING;
            case CATEGORICAL, TEXT -> STRING;
        };
    }
}
