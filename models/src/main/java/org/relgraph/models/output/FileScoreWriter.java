package org.relgraph.models.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import java.util.List;
import org.relgraph.io.AtomicRename;
import org.relgraph.io.OutputFile;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.schema.SchemaException;

/**
 * Writes a score table to a CSV, Parquet or JSON Lines file. Rows are staged in an in-memory DuckDB table and
 * DuckDB's own {@code COPY ... TO} writes the file, so quoting, number formatting and Parquet encoding come from
 * one well-tested library for all three formats. The file is written under a temporary name next to the target
 * and renamed over it on commit ({@link AtomicFileReplace}). An existing file is replaced only if it holds a score
 * table with the same columns (what relgraph wrote for the same kind of model), or with {@link ReplacePolicy#ANYTHING}.
 */
final class FileScoreWriter implements ScoreTableWriter {
    private static final String STAGING = "scores";

    private final Path target;
    private final FileFormat format;
    private final ReplacePolicy replace;
    private DuckDBConnection duckdb;
    private ScoreTable layout;
    private Path temporary;
    private boolean finished;

    /**
     * Checks the destination at once (folder exists and is writable; a file already there can be read as a
     * table), so a mistyped path fails before any scoring. Whether an existing file holds scores of these very
     * columns, which is what makes it relgraph's to replace, is checked on {@link #commit}, when they are known.
     */
    FileScoreWriter(Path target, FileFormat format, ReplacePolicy replace) {
        this.target = target;
        this.format = format;
        this.replace = replace;
        OutputFile.checkDestination(target, replace, "a score table", columns -> true);
    }

    @Override
    public void append(ScoreTable batch) {
        checkOpen();
        try {
            if (layout == null) {
                duckdb = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
                createStagingTable(batch);
                layout = batch;
            } else if (!layout.sameLayoutAs(batch)) {
                throw new IllegalArgumentException("batch columns [" + batch.describeLayout()
                        + "] differ from the first batch [" + layout.describeLayout() + "]");
            }
            stage(batch);
        } catch (SQLException e) {
            throw new SchemaException("cannot stage scores for " + target + ": " + firstLine(e),
                    "this is a bug or an out-of-memory condition; the target file is unchanged");
        }
    }

    @Override
    public void commit() {
        checkOpen();
        if (layout == null) {
            throw new IllegalStateException("nothing to commit: append at least one (possibly empty) batch");
        }
        List<String> names = layout.columns().stream().map(ScoreColumn::name).toList();
        OutputFile.checkDestination(target, replace, "a score table with these columns ("
                + String.join(", ", names) + ")", names::equals);
        temporary = AtomicFileReplace.temporarySiblingOf(target);
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("COPY (" + selectForFormat() + ") TO " + SqlQuoting.literal(temporary.toString())
                    + " (" + format.duckDbCopyOptions() + ")");
            AtomicRename.replaceFile(temporary, target);
            finished = true;
            AtomicFileReplace.removeStaleTemporaries(target, Instant.now());
        } catch (SQLException | IOException e) {
            throw new SchemaException("cannot write " + target + ": " + firstLine(e),
                    "check free disk space and permissions of " + target.toAbsolutePath().getParent()
                            + "; the previous file (if any) is unchanged");
        } finally {
            deleteTemporary();
        }
    }

    @Override
    public void close() {
        deleteTemporary();
        if (duckdb != null) {
            try {
                duckdb.close();
            } catch (SQLException ignored) {
                // An in-memory database: nothing is lost by failing to close it.
            }
            duckdb = null;
        }
        finished = true;
    }

    private void createStagingTable(ScoreTable batch) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE " + STAGING + " (");
        for (int i = 0; i < batch.columns().size(); i++) {
            ScoreColumn column = batch.column(i);
            ddl.append(i == 0 ? "" : ", ").append(SqlQuoting.identifier(column.name())).append(' ').append(switch (column.kind()) {
                case STRING -> "VARCHAR";
                case INTEGER -> "BIGINT";
                case DOUBLE -> "DOUBLE";
                case DATE -> "DATE";
            });
        }
        try (Statement statement = duckdb.createStatement()) {
            statement.execute(ddl.append(')').toString());
        }
    }

    private String selectForFormat() {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < layout.columns().size(); i++) {
            ScoreColumn column = layout.column(i);
            String name = SqlQuoting.identifier(column.name());
            select.append(i == 0 ? "" : ", ");
            if (column.kind() == ScoreColumn.Kind.DOUBLE && format.nonFiniteAsNull()) {
                select.append("CASE WHEN isfinite(").append(name).append(") THEN ").append(name)
                        .append(" END AS ").append(name);
            } else {
                select.append(name);
            }
        }
        return select.append(" FROM ").append(STAGING).toString();
    }

    private void stage(ScoreTable batch) throws SQLException {
        int width = batch.columns().size();
        try (DuckDBAppender appender = duckdb.createAppender("main", STAGING)) {
            for (int row = 0; row < batch.rowCount(); row++) {
                appender.beginRow();
                for (int c = 0; c < width; c++) {
                    ScoreColumn column = batch.column(c);
                    if (column.isNull(row)) {
                        appender.appendNull();
                        continue;
                    }
                    switch (column.kind()) {
                        case STRING -> appender.append(column.string(row));
                        case INTEGER -> appender.append(column.integer(row));
                        case DOUBLE -> appender.append(column.doubleValue(row));
                        case DATE -> appender.appendEpochDays(column.epochDay(row));
                    }
                }
                appender.endRow();
            }
        }
    }

    private void deleteTemporary() {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Best effort: a leftover hidden .tmp file never replaces the target.
            }
            temporary = null;
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("writer for " + target + " is already committed or closed");
        }
    }

    private static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage()).strip();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
