package org.relgraph.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/** Opens the in-memory DuckDB that reads CSV and Parquet files. */
public final class EmbeddedDuckDb {
    private static Path scratch;

    private EmbeddedDuckDb() {
    }

    /**
     * A fresh in-memory database. The session time zone is UTC so that a timestamp without an offset means
     * UTC whatever the machine's zone: the same file must give the same epoch milliseconds everywhere.
     * Insertion order is preserved (DuckDB's default, pinned here) because rows must keep their file order:
     * "row N" in a message is the file's N-th data row. Memory is limited to the {@link MemoryPlan}'s share
     * (DuckDB's own default, 80 % of the machine, on top of a large heap let the kernel kill the process),
     * and what does not fit spills to a scratch folder of this process's own.
     */
    public static Connection open() {
        return open(new Properties());
    }

    /**
     * As {@link #open()}, with results streamed: a query's rows are produced as the reader takes them instead of
     * being held whole, so reading a table costs its Java arrays and not a second copy in DuckDB. Only one
     * result may be open at a time on such a connection.
     */
    public static Connection openStreaming() {
        Properties p = new Properties();
        p.setProperty("jdbc_stream_results", "true");
        return open(p);
    }

    private static Connection open(Properties properties) {
        MemoryPlan plan = MemoryPlan.current();
        try {
            Connection c = DriverManager.getConnection("jdbc:duckdb:", properties);
            try (Statement s = c.createStatement()) {
                s.execute("SET TimeZone = 'UTC'");
                s.execute("SET preserve_insertion_order = true");
                s.execute("SET memory_limit = '" + plan.duckDbLimitSql() + "'");
                s.execute("SET threads = " + plan.threads());
                s.execute("SET temp_directory = '" + scratchFolder().toString().replace("'", "''") + "'");
            }
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start the embedded DuckDB: " + e.getMessage(), e);
        }
    }

    /**
     * Where DuckDB spills: a folder made for this process under the system's temp folder (never the user's
     * working folder, DuckDB's default for an in-memory database), removed with what DuckDB wrote into it
     * when the process ends.
     */
    private static synchronized Path scratchFolder() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("relgraph-duckdb-");
            } catch (IOException e) {
                throw new IllegalStateException("cannot create a scratch folder for DuckDB under "
                        + System.getProperty("java.io.tmpdir") + ": " + e.getMessage(), e);
            }
            Path folder = scratch;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder), "relgraph-duckdb-scratch"));
        }
        return scratch;
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // the folder is in the system's temp folder, which the system cleans
        }
    }

    /** DuckDB's messages run over several lines (context, caret); the first says what went wrong. */
    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
