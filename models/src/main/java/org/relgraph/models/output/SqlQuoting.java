package org.relgraph.models.output;

/** Quoting of identifiers and string literals, which DuckDB and PostgreSQL spell the same way. */
final class SqlQuoting {

    private SqlQuoting() {
    }

    /** A quoted identifier: column names come from the user's query and may contain anything. */
    static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
