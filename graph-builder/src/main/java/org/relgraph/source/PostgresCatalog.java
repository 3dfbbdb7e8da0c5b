package org.relgraph.source;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaInference;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;

/**
 * The tables, column types and keys of one PostgreSQL schema, read from the catalogue through
 * {@link DatabaseMetaData}, and the relgraph {@link Schema} they imply.
 */
final class PostgresCatalog {
    /** A column as the database declares it. */
    record PgColumn(String name, int jdbcType, String typeName) {
        boolean isInteger() {
            return jdbcType == Types.BIGINT || jdbcType == Types.INTEGER || jdbcType == Types.SMALLINT
                    || jdbcType == Types.TINYINT;
        }

        boolean isNumber() {
            return isInteger() || switch (jdbcType) {
                case Types.NUMERIC, Types.DECIMAL, Types.DOUBLE, Types.FLOAT, Types.REAL -> true;
                default -> false;
            };
        }

        boolean isBoolean() {
            return jdbcType == Types.BOOLEAN || jdbcType == Types.BIT;
        }

        boolean isTime() {
            return jdbcType == Types.DATE || jdbcType == Types.TIMESTAMP || jdbcType == Types.TIMESTAMP_WITH_TIMEZONE;
        }
    }

    /** A single-column foreign key: {@code column} holds values of {@code parentTable.parentColumn}. */
    record PgForeignKey(String column, String parentTable, String parentSchema, String parentColumn) {
    }

    /** A table as the database declares it; keys are single-column ones only. */
    record PgTable(String name, List<PgColumn> columns, String primaryKey, Map<String, PgForeignKey> foreignKeys) {
        Optional<PgColumn> column(String columnName) {
            return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
        }
    }

    private final String schemaName;
    private final Map<String, PgTable> tables;

    private PostgresCatalog(String schemaName, Map<String, PgTable> tables) {
        this.schemaName = schemaName;
        this.tables = tables;
    }

    static PostgresCatalog read(Connection c, String schemaName) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = meta.getTables(null, schemaName, "%", new String[] {"TABLE", "PARTITIONED TABLE"})) {
            while (rs.next()) {
                names.add(rs.getString("TABLE_NAME"));
            }
        }
        Map<String, PgTable> tables = new LinkedHashMap<>();
        for (String name : names) {
            List<PgColumn> columns = new ArrayList<>();
            try (ResultSet rs = meta.getColumns(null, schemaName, name, "%")) {
                while (rs.next()) {
                    columns.add(new PgColumn(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
                            rs.getString("TYPE_NAME")));
                }
            }
            List<String> pk = new ArrayList<>();
            try (ResultSet rs = meta.getPrimaryKeys(null, schemaName, name)) {
                while (rs.next()) {
                    pk.add(rs.getString("COLUMN_NAME"));
                }
            }
            tables.put(name.toLowerCase(Locale.ROOT), new PgTable(name, columns, pk.size() == 1 ? pk.get(0) : null,
                    importedKeys(meta, schemaName, name)));
        }
        return new PostgresCatalog(schemaName, tables);
    }

    /**
     * Column → referenced table, for single-column foreign keys into this schema. A composite key has no
     * single column to hold the reference, so it is left out (declare a surrogate key in schema.yaml).
     */
    private static Map<String, PgForeignKey> importedKeys(DatabaseMetaData meta, String schemaName, String table)
            throws SQLException {
        Map<String, List<PgForeignKey>> byConstraint = new TreeMap<>();
        try (ResultSet rs = meta.getImportedKeys(null, schemaName, table)) {
            while (rs.next()) {
                String constraint = rs.getString("FK_NAME") + "/" + rs.getString("PKTABLE_NAME");
                byConstraint.computeIfAbsent(constraint, k -> new ArrayList<>()).add(new PgForeignKey(
                        rs.getString("FKCOLUMN_NAME"), rs.getString("PKTABLE_NAME"), rs.getString("PKTABLE_SCHEM"),
                        rs.getString("PKCOLUMN_NAME")));
            }
        }
        Map<String, PgForeignKey> fks = new LinkedHashMap<>();
        for (List<PgForeignKey> parts : byConstraint.values()) {
            PgForeignKey fk = parts.get(0);
            if (parts.size() == 1 && schemaName.equals(fk.parentSchema())) {
                fks.putIfAbsent(fk.column(), fk);
            }
        }
        return fks;
    }

    PgTable requireTable(String name, String describe) {
        PgTable t = tables.get(name.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new SchemaException(describe + ": no table '" + name + "'", tables.isEmpty()
                    ? "schema '" + schemaName + "' has no tables; pick another with ?schema=name"
                    : "tables there: " + String.join(", ", tables.values().stream().map(PgTable::name).toList())
                    + "; fix the name or 'source:' in schema.yaml");
        }
        return t;
    }

    /**
     * The schema the catalogue implies: declared keys become ids, string columns become categorical or text
     * by their values' cardinality, and each table gets a time column when it has a date/timestamp column.
     */
    Schema toSchema(Connection c, String describe) throws SQLException {
        if (tables.isEmpty()) {
            throw new SchemaException(describe + ": schema '" + schemaName + "' has no tables",
                    "pick the schema that holds the data with ?schema=name in the URL");
        }
        List<TableSchema> out = new ArrayList<>();
        for (PgTable t : tables.values()) {
            Map<String, SemanticType> stringTypes = stringTypes(c, t);
            List<ColumnSchema> columns = new ArrayList<>();
            for (PgColumn col : t.columns()) {
                boolean key = col.name().equals(t.primaryKey()) || t.foreignKeys().containsKey(col.name());
                SemanticType type = key ? SemanticType.ID
                        : col.isBoolean() ? SemanticType.BOOLEAN
                        : col.isNumber() ? SemanticType.NUMERICAL
                        : col.isTime() ? SemanticType.TIMESTAMP
                        : stringTypes.get(col.name());
                columns.add(new ColumnSchema(col.name(), type));
            }
            List<ForeignKey> fks = new ArrayList<>();
            for (PgForeignKey fk : t.foreignKeys().values()) {
                // rows are linked through the parent's primary key; a reference to another unique column
                // (or into a table without a single-column key) is left for the user to declare
                PgTable p = tables.get(fk.parentTable().toLowerCase(Locale.ROOT));
                if (p != null && fk.parentColumn().equals(p.primaryKey())) {
                    fks.add(new ForeignKey(t.name(), fk.column(), p.name()));
                }
            }
            out.add(new TableSchema(t.name(), columns, t.primaryKey(), SchemaInference.chooseTimeColumn(columns),
                    fks, null));
        }
        return new Schema(out);
    }

    /** Categorical or text for the table's non-key string-like columns, from one pass over the table. */
    private Map<String, SemanticType> stringTypes(Connection c, PgTable t) throws SQLException {
        List<PgColumn> strings = t.columns().stream().filter(col -> !col.isBoolean() && !col.isNumber()
                && !col.isTime()).toList();
        Map<String, SemanticType> types = new LinkedHashMap<>();
        if (strings.isEmpty()) {
            return types;
        }
        List<String> stats = new ArrayList<>();
        for (PgColumn col : strings) {
            String text = SqlIdentifier.quote(col.name()) + "::text";
            stats.add("count(" + text + ")");
            stats.add("count(DISTINCT " + text + ")");
            stats.add("coalesce(avg(length(" + text + ")), 0)::float8");
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", stats) + " FROM "
                     + SqlIdentifier.quote(schemaName) + "." + SqlIdentifier.quote(t.name()))) {
            rs.next();
            for (int i = 0; i < strings.size(); i++) {
                types.put(strings.get(i).name(), SchemaInference.stringType(rs.getLong(3 * i + 1),
                        rs.getLong(3 * i + 2), rs.getDouble(3 * i + 3)));
            }
        }
        return types;
    }
}
