package org.relgraph.source;

/** Quotes a table or column name for SQL, as DuckDB and PostgreSQL both expect: "name", with " doubled. */
public final class SqlIdentifier {
    private SqlIdentifier() {
    }

    public static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
