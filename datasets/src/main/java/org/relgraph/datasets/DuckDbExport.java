package org.relgraph.datasets;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** An in-memory DuckDB session for adapters: run SQL over raw files, export tables as Parquet. */
public final class DuckDbExport implements AutoCloseable {
    private final Connection connection;

    public DuckDbExport() throws SQLException {
        connection = DriverManager.getConnection("jdbc:duckdb:");
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    public long count(String table) throws SQLException {
        try (Statement s = connection.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public void exportParquet(String table, Path out) throws SQLException {
        execute("COPY " + table + " TO " + quote(out.resolve(table + ".parquet").toString()) + " (FORMAT PARQUET)");
    }

    /** A SQL string literal (single quotes doubled). */
    public static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
