package org.relgraph.models.output;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.relgraph.schema.SchemaException;

/**
 * Writes a score table into a PostgreSQL table that accumulates one slice per as-of date. Rows are first COPYed
 * into a session-local temporary staging table (which the server drops by itself if this process dies); commit
 * then replaces the as-of date's slice of the target in one transaction, so a re-run for the same date is
 * idempotent, other dates are untouched, and any failure before the commit leaves the target as it was.
 *
 * <p>Score column names are lower-cased in PostgreSQL ({@code MORTGAGE_PROPENSITY} becomes
 * {@code mortgage_propensity}) so analysts can query them without quotes. The target gets two more columns,
 * {@code as_of_date} and {@code model_id}, first.
 */
final class PostgresScoreWriter implements ScoreTableWriter {
    static final String AS_OF_DATE = "as_of_date";
    static final String MODEL_ID = "model_id";
    private static final String STAGING = "relgraph_scores_staging";
    private static final int MAX_IDENTIFIER_BYTES = 63;
    private static final int COPY_CHUNK_CHARS = 1 << 20;

    private final PostgresTarget target;
    private final WriteOptions options;
    private Connection connection;
    private ScoreTable layout;
    private List<String> columnNames;
    private boolean finished;

    /**
     * Connects right away, and looks at an existing target table, so a wrong password or host, or a table that is
     * not a relgraph score table, fails before an hour of scoring, not after.
     */
    PostgresScoreWriter(PostgresTarget target, WriteOptions options) {
        this.target = target;
        this.options = options;
        this.connection = target.connect();
        try {
            checkExistingTarget();
        } catch (SQLException e) {
            SchemaException failure = writeFailure(e);
            close();
            throw failure;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * A table already there must be one relgraph writes scores into: it has the {@code as_of_date} and
     * {@code model_id} columns relgraph adds. Rows of other dates are never touched, but a table without them is
     * someone else's, and its columns are checked against the scores' own on {@link #commit}.
     */
    private void checkExistingTarget() throws SQLException {
        String schema = target.schema() != null ? target.schema() : currentSchema();
        Map<String, ExistingColumn> existing = existingColumns(schema);
        if (!existing.isEmpty() && !(existing.containsKey(AS_OF_DATE) && existing.containsKey(MODEL_ID))) {
            throw new SchemaException("table " + schema + "." + target.table() + " on " + target.location()
                    + " exists and is not a score table relgraph wrote (it has no " + AS_OF_DATE + " and "
                    + MODEL_ID + " columns)", "write to a new table (table=... in the URL); relgraph never "
                    + "changes a table it did not create");
        }
    }

    @Override
    public void append(ScoreTable batch) {
        checkOpen();
        try {
            if (layout == null) {
                columnNames = postgresNames(batch);
                createStagingTable(batch);
                layout = batch;
            } else if (!layout.sameLayoutAs(batch)) {
                throw new IllegalArgumentException("batch columns [" + batch.describeLayout()
                        + "] differ from the first batch [" + layout.describeLayout() + "]");
            }
            copyIntoStaging(batch);
        } catch (SQLException e) {
            throw writeFailure(e);
        }
    }

    @Override
    public void commit() {
        checkOpen();
        if (layout == null) {
            throw new IllegalStateException("nothing to commit: append at least one (possibly empty) batch");
        }
        try {
            connection.setAutoCommit(false);
            String schema = target.schema() != null ? target.schema() : currentSchema();
            String qualified = SqlQuoting.identifier(schema) + "." + SqlQuoting.identifier(target.table());
            Map<String, ExistingColumn> existing = existingColumns(schema);
            if (existing.isEmpty()) {
                createTarget(qualified);
            } else {
                checkCompatible(schema, existing);
            }
            try (Statement statement = connection.createStatement()) {
                // Serialises concurrent writers of the same table (two runs for one date must not both insert)
                // while readers keep reading the previous slice until commit.
                statement.execute("LOCK TABLE " + qualified + " IN SHARE ROW EXCLUSIVE MODE");
            }
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + qualified + " WHERE " + AS_OF_DATE + " = ?")) {
                delete.setObject(1, options.asOfDate());
                delete.executeUpdate();
            }
            String columns = String.join(", ", columnNames.stream().map(SqlQuoting::identifier).toList());
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + qualified + " ("
                    + AS_OF_DATE + ", " + MODEL_ID + ", " + columns + ") SELECT ?, ?, " + columns + " FROM " + STAGING)) {
                insert.setObject(1, options.asOfDate());
                insert.setString(2, options.modelId());
                insert.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE " + STAGING);
            }
            connection.commit();
            finished = true;
        } catch (SQLException e) {
            rollbackQuietly();
            throw writeFailure(e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        finished = true;
        if (connection == null) {
            return;
        }
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // Closing below ends the transaction anyway.
        }
        try {
            connection.close();
        } catch (SQLException ignored) {
            // The server drops the temporary staging table with the session.
        }
        connection = null;
    }

    private List<String> postgresNames(ScoreTable batch) {
        List<String> names = new ArrayList<>();
        for (ScoreColumn column : batch.columns()) {
            String name = column.name().toLowerCase(Locale.ROOT);
            if (name.equals(AS_OF_DATE) || name.equals(MODEL_ID)) {
                throw new SchemaException("the scores already have a column named " + column.name(),
                        "rename it in the query; relgraph adds " + AS_OF_DATE + " and " + MODEL_ID + " itself");
            }
            if (name.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
                throw new SchemaException("column name " + column.name() + " is longer than PostgreSQL's 63 bytes",
                        "shorten it in the query");
            }
            names.add(name);
        }
        return names;
    }

    private void createStagingTable(ScoreTable batch) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TEMPORARY TABLE " + STAGING + " (");
        for (int i = 0; i < columnNames.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append(SqlQuoting.identifier(columnNames.get(i))).append(' ')
                    .append(sqlType(batch.column(i).kind()));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl.append(')').toString());
        }
    }

    /** Streams the batch in COPY text format: tab-separated, \N for null, backslash escapes. */
    private void copyIntoStaging(ScoreTable batch) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + STAGING + " FROM STDIN (FORMAT text)");
        try {
            StringBuilder chunk = new StringBuilder(COPY_CHUNK_CHARS + 4096);
            int width = batch.columns().size();
            for (int row = 0; row < batch.rowCount(); row++) {
                for (int c = 0; c < width; c++) {
                    if (c > 0) {
                        chunk.append('\t');
                    }
                    appendCopyValue(chunk, batch.column(c), row);
                }
                chunk.append('\n');
                if (chunk.length() >= COPY_CHUNK_CHARS) {
                    send(copy, chunk);
                }
            }
            send(copy, chunk);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private static void send(CopyIn copy, StringBuilder chunk) throws SQLException {
        byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        chunk.setLength(0);
    }

    private static void appendCopyValue(StringBuilder out, ScoreColumn column, int row) {
        if (column.isNull(row)) {
            out.append("\\N");
            return;
        }
        switch (column.kind()) {
            case STRING -> appendEscaped(out, column.string(row));
            case INTEGER -> out.append(column.integer(row));
            // Double.toString round-trips exactly and spells NaN/Infinity the way PostgreSQL reads them.
            case DOUBLE -> out.append(column.doubleValue(row));
            case DATE -> out.append(LocalDate.ofEpochDay(column.epochDay(row)));
        }
    }

    private static void appendEscaped(StringBuilder out, String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
    }

    private String currentSchema() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_schema()")) {
            rs.next();
            String schema = rs.getString(1);
            if (schema == null) {
                throw new SchemaException("user " + target.userForMessages() + " has no current schema on "
                        + target.location(), "add &schema=<name> to the URL");
            }
            return schema;
        }
    }

    private record ExistingColumn(String type, boolean required) {
    }

    private Map<String, ExistingColumn> existingColumns(String schema) throws SQLException {
        Map<String, ExistingColumn> columns = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT column_name, data_type, is_nullable, "
                + "column_default FROM information_schema.columns WHERE table_schema = ? AND table_name = ? "
                + "ORDER BY ordinal_position")) {
            query.setString(1, schema);
            query.setString(2, target.table());
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    boolean required = "NO".equals(rs.getString(3)) && rs.getString(4) == null;
                    columns.put(rs.getString(1), new ExistingColumn(rs.getString(2), required));
                }
            }
        }
        return columns;
    }

    private void createTarget(String qualified) throws SQLException {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS " + qualified + " (" + AS_OF_DATE
                + " date NOT NULL, " + MODEL_ID + " text NOT NULL");
        for (int i = 0; i < columnNames.size(); i++) {
            ddl.append(", ").append(SqlQuoting.identifier(columnNames.get(i))).append(' ')
                    .append(sqlType(layout.column(i).kind()));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl.append(')').toString());
            // Every run deletes by as-of date; without an index that is a full scan of all past runs.
            statement.execute("CREATE INDEX IF NOT EXISTS " + SqlQuoting.identifier(target.table() + "_" + AS_OF_DATE
                    + "_idx") + " ON " + qualified + " (" + AS_OF_DATE + ")");
        }
    }

    /** Fails with every mismatch in one line if the existing target cannot take these columns. */
    private void checkCompatible(String schema, Map<String, ExistingColumn> existing) {
        Map<String, String> written = new LinkedHashMap<>();
        written.put(AS_OF_DATE, "date");
        written.put(MODEL_ID, "text");
        for (int i = 0; i < columnNames.size(); i++) {
            written.put(columnNames.get(i), sqlType(layout.column(i).kind()));
        }
        List<String> problems = new ArrayList<>();
        written.forEach((name, type) -> {
            ExistingColumn column = existing.get(name);
            if (column == null) {
                problems.add(name + " is missing");
            } else if (!accepts(column.type(), type)) {
                problems.add(name + " is " + column.type() + " but relgraph writes " + type);
            }
        });
        existing.forEach((name, column) -> {
            if (column.required() && !written.containsKey(name)) {
                problems.add(name + " is NOT NULL without a default but relgraph does not write it");
            }
        });
        if (!problems.isEmpty()) {
            throw new SchemaException("table " + schema + "." + target.table() + " on " + target.location()
                            + " has incompatible columns: " + String.join("; ", problems),
                    "write to a new table (table=... in the URL) or alter or drop the existing one; it was left unchanged");
        }
    }

    private static boolean accepts(String existingType, String writtenType) {
        Set<String> accepted = switch (writtenType) {
            case "text" -> Set.of("text", "character varying", "character");
            case "bigint" -> Set.of("bigint", "integer", "smallint", "numeric");
            case "double precision" -> Set.of("double precision", "real", "numeric");
            case "date" -> Set.of("date");
            default -> Set.of(writtenType);
        };
        return accepted.contains(existingType);
    }

    private static String sqlType(ScoreColumn.Kind kind) {
        return switch (kind) {
            case STRING -> "text";
            case INTEGER -> "bigint";
            case DOUBLE -> "double precision";
            case DATE -> "date";
        };
    }

    private SchemaException writeFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String table = (target.schema() == null ? "" : target.schema() + ".") + target.table();
        if (state.equals("3F000")) {
            return new SchemaException("schema " + target.schema() + " does not exist on " + target.location(),
                    "create it (CREATE SCHEMA " + target.schema() + ") or fix schema= in the URL");
        }
        if (state.equals("42501")) {
            return new SchemaException("user " + target.userForMessages() + " may not write " + table + " on "
                    + target.location() + ": " + target.driverText(e),
                    "grant CREATE on the schema, or INSERT and DELETE on the table");
        }
        if (state.startsWith("08")) {
            return new SchemaException("lost the connection to " + target.location() + " while writing " + table,
                    "the target table is unchanged; re-run when the server is reachable");
        }
        return new SchemaException("writing scores to " + table + " on " + target.location() + " failed: "
                + target.driverText(e), "the target table is unchanged; fix the cause and re-run");
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // close() follows, which ends the transaction in any case.
        }
    }

    private void checkOpen() {
        if (finished) {
            throw new IllegalStateException("writer for " + target.table() + " is already committed or closed");
        }
    }
}
