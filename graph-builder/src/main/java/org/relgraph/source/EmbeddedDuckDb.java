package org.relgraph.source;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Opens the in-memory DuckDB that reads CSV and Parquet files. */
public final class EmbeddedDuckDb {
    private EmbeddedDuckDb() {
    }

    /**
     * A fresh in-memory database. The session time zone is UTC so that a timestamp without an offset means
     * UTC whatever the machine's zone: the same file must give the same epoch milliseconds everywhere.
     * Insertion order is preserved (DuckDB's default, pinned here) because rows must keep their file order:
     * "row N" in a message is the file's N-th data row.
     */
    public static Connection open() {
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:");
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("SET preserve_insertion_order = true");
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the embedded DuckDB: " + e.getMessage(), e);
        }
    }

    /** DuckDB's messages run over several lines (context, caret); the first says what went wrong. */
    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
