package org.relgraph.models.features;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SemanticType;
import org.relgraph.source.EmbeddedDuckDb;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The database's tables copied once into an in-memory DuckDB. Rows are identified by their row number and foreign
 * keys by the resolved parent row number ({@link Database#parentRows}), so generated joins compare integers whatever
 * the key types were, and dangling keys simply join nothing. Each copied table has {@code _row}, {@code _time}
 * (epoch ms, only for tables with a time column), one {@code fk:<column>} per foreign key and one
 * {@code v:<column>} per numerical, boolean or categorical column (categoricals as dictionary codes).
 */
final class DuckDbMirror implements AutoCloseable {
    private final DuckDBConnection connection;

    private DuckDbMirror(DuckDBConnection connection) {
        this.connection = connection;
    }

    static DuckDbMirror of(Database db) {
        Connection c = EmbeddedDuckDb.open();
        try {
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            for (Table t : db.tables()) {
                copy(duck, db, t);
            }
            return new DuckDbMirror(duck);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot copy the database into DuckDB: " + e.getMessage(), e);
        }
    }

    Connection connection() {
        return connection;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String tableName(String table) {
        return quote("t:" + table.toLowerCase(Locale.ROOT));
    }

    static String foreignKeyColumn(ForeignKey fk) {
        return quote("fk:" + fk.column().toLowerCase(Locale.ROOT));
    }

    static String valueColumn(String column) {
        return quote("v:" + column.toLowerCase(Locale.ROOT));
    }

    /** Numerical and boolean columns, aggregated as numbers; keys and the time column are never values. */
    static List<DoubleColumn> numericColumns(Table t) {
        List<DoubleColumn> out = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof DoubleColumn d && !isKeyOrTime(t, c.name())) {
                out.add(d);
            }
        }
        return out;
    }

    /** Categorical columns; free text is left out because its vocabulary is too large to count per value. */
    static List<CategoricalColumn> categoricalColumns(Table t) {
        List<CategoricalColumn> out = new ArrayList<>();
        for (Column c : t.columns()) {
            if (c instanceof CategoricalColumn cat && cat.type() == SemanticType.CATEGORICAL
                    && !isKeyOrTime(t, c.name())) {
                out.add(cat);
            }
        }
        return out;
    }

    private static boolean isKeyOrTime(Table t, String column) {
        return column.equalsIgnoreCase(t.schema().primaryKey()) || column.equalsIgnoreCase(t.schema().timeColumn())
                || t.schema().foreignKeys().stream().anyMatch(fk -> fk.column().equalsIgnoreCase(column));
    }

    private static void copy(DuckDBConnection duck, Database db, Table t) throws SQLException {
        List<ForeignKey> fks = t.schema().foreignKeys();
        List<DoubleColumn> numbers = numericColumns(t);
        List<CategoricalColumn> categories = categoricalColumns(t);
        LongColumn time = t.timeColumn().orElse(null);
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(tableName(t.name())).append(" (_row INTEGER");
        if (time != null) {
            ddl.append(", _time BIGINT");
        }
        for (ForeignKey fk : fks) {
            ddl.append(", ").append(foreignKeyColumn(fk)).append(" INTEGER");
        }
        for (DoubleColumn c : numbers) {
            ddl.append(", ").append(valueColumn(c.name())).append(" DOUBLE");
        }
        for (CategoricalColumn c : categories) {
            ddl.append(", ").append(valueColumn(c.name())).append(" INTEGER");
        }
        try (Statement s = duck.createStatement()) {
            s.execute(ddl.append(')').toString());
        }
        List<int[]> parents = fks.stream().map(db::parentRows).toList();
        try (DuckDBAppender appender = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                "t:" + t.name().toLowerCase(Locale.ROOT))) {
            for (int r = 0; r < t.rowCount(); r++) {
                appender.beginRow();
                appender.append(r);
                if (time != null) {
                    if (time.isNull(r)) {
                        appender.appendNull();
                    } else {
                        appender.append(time.get(r));
                    }
                }
                for (int[] p : parents) {
                    if (p[r] < 0) {
                        appender.appendNull();
                    } else {
                        appender.append(p[r]);
                    }
                }
                for (DoubleColumn c : numbers) {
                    if (c.isNull(r)) {
                        appender.appendNull();
                    } else {
                        appender.append(c.get(r));
                    }
                }
                for (CategoricalColumn c : categories) {
                    if (c.isNull(r)) {
                        appender.appendNull();
                    } else {
                        appender.append(c.code(r));
                    }
                }
                appender.endRow();
            }
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // An in-memory database has nothing to flush; closing only frees memory.
        }
    }
}
