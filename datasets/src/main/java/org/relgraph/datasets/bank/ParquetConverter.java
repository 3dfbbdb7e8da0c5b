package org.relgraph.datasets.bank;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Collectors;

/**
 * Rewrites the generated CSV files of a folder as Parquet with embedded DuckDB, then deletes the CSV files.
 * Column types are given explicitly rather than sniffed: a sniffer sampling the first rows could take a column
 * whose early values are null (age, balance) for text.
 */
final class ParquetConverter {
    private ParquetConverter() {
    }

    static void convert(Path folder, boolean gzip) throws IOException {
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
             Statement st = db.createStatement()) {
            // One thread keeps row groups in file order, so the Parquet output is as reproducible as the CSV.
            st.execute("SET threads TO 1");
            st.execute("SET preserve_insertion_order TO true");
            for (BankTable t : BankTable.values()) {
                Path csv = folder.resolve(t.fileName(OutputFormat.CSV, gzip));
                Path parquet = folder.resolve(t.fileName(OutputFormat.PARQUET, false));
                String columns = t.columns().stream()
                        .map(c -> "'" + c.name() + "': '" + c.duckDbType() + "'")
                        .collect(Collectors.joining(", ", "{", "}"));
                st.execute("COPY (SELECT * FROM read_csv(" + quote(csv) + ", header = true, columns = " + columns
                        + ", dateformat = '%Y-%m-%d', timestampformat = '%Y-%m-%d %H:%M:%S')) TO " + quote(parquet)
                        + " (FORMAT PARQUET)");
                Files.delete(csv);
            }
        } catch (SQLException e) {
            throw new IOException("converting " + folder + " to Parquet failed: " + e.getMessage(), e);
        }
    }

    private static String quote(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
