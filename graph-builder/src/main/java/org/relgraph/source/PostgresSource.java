package org.relgraph.source;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Table;
import org.relgraph.validate.DatabaseValidator;
import org.relgraph.validate.ValidatedDatabase;

/**
 * The tables of one PostgreSQL schema. Without a schema.yaml, keys and types come from the catalogue, so a
 * database with declared primary and foreign keys loads with no configuration.
 */
public final class PostgresSource implements DataSource {
    /** Rows per round trip: the driver streams instead of holding a whole table's result in memory. */
    static final int FETCH_SIZE = 10_000;

    private final PostgresUrl url;
    private final Path schemaFile;
    private Schema schema;

    /** @param schemaFile a schema.yaml that replaces the catalogue's schema; null to use the catalogue */
    public PostgresSource(PostgresUrl url, Path schemaFile) {
        this.url = url;
        this.schemaFile = schemaFile;
    }

    @Override
    public synchronized Schema schema() {
        if (schema == null) {
            schema = schemaFile != null ? SchemaYaml.read(schemaFile) : inferSchema();
        }
        return schema;
    }

    /** The schema the catalogue declares (tables, types, primary and foreign keys), ignoring any schema file. */
    @Override
    public Schema inferSchema() {
        try (Connection c = openSnapshot()) {
            return PostgresCatalog.read(c, url.schemaName()).toSchema(c, describe());
        } catch (SQLException e) {
            throw readFailed("reading the catalogue", e);
        }
    }

    @Override
    public ValidatedDatabase load(LoadOptions options) {
        Schema s;
        List<Table> tables = new ArrayList<>();
        // one snapshot for catalogue and rows: tables written to while we read still agree with each other
        try (Connection c = openSnapshot()) {
            PostgresCatalog catalog = PostgresCatalog.read(c, url.schemaName());
            synchronized (this) {
                if (schema == null) {
                    schema = schemaFile != null ? SchemaYaml.read(schemaFile) : catalog.toSchema(c, describe());
                }
                s = options.tablesToLoad(schema);
            }
            for (TableSchema t : s.tables()) {
                long start = System.nanoTime();
                Table table = readTable(c, catalog, t);
                options.listener().read(t.name(), table.rowCount(), System.nanoTime() - start);
                tables.add(table);
            }
            c.commit();
        } catch (SQLException e) {
            throw readFailed("reading the tables", e);
        }
        return new DatabaseValidator(options.danglingPolicy()).validate(describe(), s, tables);
    }

    /** From the planner's statistics ({@link PostgresRowCounts}): estimates, no table is scanned. */
    @Override
    public RowCounts estimateRows() {
        Schema s = schema();
        try (Connection c = openSnapshot()) {
            PostgresCatalog catalog = PostgresCatalog.read(c, url.schemaName());
            List<RowCounts.TableRows> counts = new ArrayList<>();
            for (TableSchema t : s.tables()) {
                PostgresCatalog.PgTable pg = catalog.requireTable(t.source() != null ? t.source() : t.name(),
                        describe());
                counts.add(new RowCounts.TableRows(t.name(), PostgresRowCounts.estimate(c, url.schemaName(),
                        pg.name()), RowCounts.Basis.DATABASE_STATISTICS));
            }
            c.commit();
            return new RowCounts(counts);
        } catch (SQLException e) {
            throw readFailed("reading the table statistics", e);
        }
    }

    @Override
    public String describe() {
        return url.describe();
    }

    /**
     * How one table is read, for readers that run the query themselves (the Spark jobs read each table in
     * partitions): {@code SELECT select… FROM from}, each expression converting its column to the stored form as
     * this source does (numbers and booleans float8, times epoch ms, integer ids bigint, the rest text), named as
     * the schema names the column.
     *
     * @param primaryKey      the table's key column in the database, or null; rows are numbered in its order
     * @param integerKey      true when that key is an integer column (so it can split the table into ranges)
     */
    public record TableRead(String from, List<String> select, String primaryKey, boolean integerKey) {
    }

    /** The reads of {@code tables}' tables, from one look at the catalogue; type mismatches refused as here. */
    public List<TableRead> tableReads(Schema tables) {
        try (Connection c = openSnapshot()) {
            PostgresCatalog catalog = PostgresCatalog.read(c, url.schemaName());
            List<TableRead> reads = new ArrayList<>();
            for (TableSchema t : tables.tables()) {
                reads.add(tableRead(catalog, t));
            }
            c.commit();
            return reads;
        } catch (SQLException e) {
            throw readFailed("reading the catalogue", e);
        }
    }

    /** The server's answer to a one-row query such as a key range, on the source's own connection settings. */
    public List<Object> queryOneRow(String sql) {
        try (Connection c = openSnapshot(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<Object> row = new ArrayList<>();
            if (rs.next()) {
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.add(rs.getObject(i));
                }
            }
            c.commit();
            return row;
        } catch (SQLException e) {
            throw readFailed("reading the tables", e);
        }
    }

    private TableRead tableRead(PostgresCatalog catalog, TableSchema t) {
        PostgresCatalog.PgTable pg = catalog.requireTable(t.source() != null ? t.source() : t.name(), describe());
        List<String> select = new ArrayList<>();
        for (ColumnSchema col : t.columns()) {
            select.add(converted(col, column(pg, col), pg.name()));
        }
        boolean integerKey = pg.primaryKey() != null && pg.column(pg.primaryKey()).map(
                PostgresCatalog.PgColumn::isInteger).orElse(false);
        return new TableRead(SqlIdentifier.quote(url.schemaName()) + "." + SqlIdentifier.quote(pg.name()), select,
                pg.primaryKey(), integerKey);
    }

    private PostgresCatalog.PgColumn column(PostgresCatalog.PgTable pg, ColumnSchema col) {
        return pg.column(col.name()).orElseThrow(() -> new SchemaException(describe()
                + ": table '" + pg.name() + "' has no column '" + col.name() + "'", "its columns are: "
                + String.join(", ", pg.columns().stream().map(PostgresCatalog.PgColumn::name).toList())));
    }

    private Table readTable(Connection c, PostgresCatalog catalog, TableSchema t) throws SQLException {
        PostgresCatalog.PgTable pg = catalog.requireTable(t.source() != null ? t.source() : t.name(), describe());
        List<String> select = new ArrayList<>();
        List<ColumnStorage> storage = new ArrayList<>();
        for (ColumnSchema col : t.columns()) {
            PostgresCatalog.PgColumn pc = column(pg, col);
            select.add(converted(col, pc, pg.name()));
            storage.add(ColumnStorage.of(col.type(), pc.isInteger()));
        }
        String sql = "SELECT " + String.join(", ", select) + " FROM " + SqlIdentifier.quote(url.schemaName()) + "."
                + SqlIdentifier.quote(pg.name())
                // a stable row order, so "row N" in a message means the same row on every load
                + (pg.primaryKey() != null ? " ORDER BY " + SqlIdentifier.quote(pg.primaryKey()) : "");
        try (Statement st = c.createStatement()) {
            st.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = st.executeQuery(sql)) {
                return ResultSetTableReader.read(rs, t, storage, null, 0);
            }
        }
    }

    /** The SQL that hands a column over in its {@link ColumnStorage}, converted by PostgreSQL. */
    private String converted(ColumnSchema col, PostgresCatalog.PgColumn pc, String table) {
        String ref = SqlIdentifier.quote(pc.name());
        String mismatch = describe() + ": table '" + table + "', column '" + pc.name() + "' has database type "
                + pc.typeName() + " but is declared " + col.type().yamlName();
        String hint = "declare it as categorical or text in schema.yaml, or convert it in a view";
        return switch (col.type()) {
            case NUMERICAL -> {
                if (!pc.isNumber() && !pc.isBoolean()) {
                    throw new SchemaException(mismatch, hint);
                }
                yield pc.isBoolean() ? ref + "::int::float8" : ref + "::float8";
            }
            case BOOLEAN -> {
                if (pc.isBoolean()) {
                    yield "CASE WHEN " + ref + " THEN 1.0 WHEN NOT " + ref + " THEN 0.0 END";
                }
                if (pc.isNumber()) {
                    yield "CASE WHEN " + ref + " <> 0 THEN 1.0 WHEN " + ref + " = 0 THEN 0.0 END";
                }
                throw new SchemaException(mismatch, hint);
            }
            case TIMESTAMP -> {
                if (!pc.isTime()) {
                    throw new SchemaException(mismatch, hint);
                }
                // a timestamp without zone is taken as UTC, matching how files are read
                yield "floor(extract(epoch FROM " + ref + ") * 1000)::bigint";
            }
            case ID -> pc.isInteger() ? ref + "::bigint" : ref + "::text";
            case CATEGORICAL, TEXT -> ref + "::text";
        };
    }

    /** A read-only REPEATABLE READ transaction: every query in it sees the same snapshot. */
    private Connection openSnapshot() {
        Connection c;
        try {
            c = DriverManager.getConnection(url.jdbcUrl(), url.properties());
        } catch (SQLException e) {
            throw connectFailed(e);
        }
        try {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw readFailed("starting a read-only transaction", e);
        }
    }

    private SchemaException connectFailed(SQLException e) {
        Optional<SchemaException> login = PostgresLoginFailure.of(url, e);
        if (login.isPresent()) {
            return login.get();
        }
        String where = url.host() + ":" + url.port();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String cause = firstLine(e);
        return switch (state) {
            case "28P01" -> new SchemaException("PostgreSQL at " + where + " rejected the password for user '"
                    + url.user() + "'", "check password= in the URL or the PGPASSWORD variable (and the user: "
                    + "user= or PGUSER)", e);
            case "28000" -> new SchemaException("PostgreSQL at " + where + " refused user '" + url.user() + "': "
                    + cause, "check the user name, and that pg_hba.conf lets it connect from here", e);
            case "3D000" -> new SchemaException("database '" + url.database() + "' does not exist on " + where,
                    "fix the database name in the URL (psql -l lists them) or create it", e);
            case "08001", "08004", "08006" -> new SchemaException("cannot reach PostgreSQL at " + where + ": "
                    + cause, "check that the server is running and accepts TCP connections on that host and port", e);
            default -> new SchemaException("cannot connect to " + describe() + ": " + cause,
                    "check the URL, user and password", e);
        };
    }

    private SchemaException readFailed(String what, SQLException e) {
        return new SchemaException(describe() + ": " + what + " failed: " + firstLine(e),
                "check that the user may read the schema's tables", e);
    }

    /** The driver's first line, with the password masked should the driver ever echo it. */
    private String firstLine(SQLException e) {
        return url.redact(String.valueOf(e.getMessage()).strip().lines().findFirst().orElse(""));
    }
}
