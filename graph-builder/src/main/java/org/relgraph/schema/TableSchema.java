package org.relgraph.schema;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table: its columns, an optional primary key, an optional time column (the moment a row becomes known)
 * and the foreign keys it holds. A table without a time column is static: its rows exist at every time.
 *
 * @param source where the rows come from, relative to the data folder (a file name) or a database table name;
 *               null means "{@code name}.csv / .parquet / the table of that name"
 */
public record TableSchema(String name, List<ColumnSchema> columns, String primaryKey, String timeColumn,
                          List<ForeignKey> foreignKeys, String source) {
    public TableSchema {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
    }

    public TableSchema(String name, List<ColumnSchema> columns, String primaryKey, String timeColumn,
                       List<ForeignKey> foreignKeys) {
        this(name, columns, primaryKey, timeColumn, foreignKeys, null);
    }

    public Optional<ColumnSchema> column(String columnName) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
    }

    public boolean hasColumn(String columnName) {
        return column(columnName).isPresent();
    }

    public Optional<String> primaryKeyOpt() {
        return Optional.ofNullable(primaryKey);
    }

    public Optional<String> timeColumnOpt() {
        return Optional.ofNullable(timeColumn);
    }

    public boolean isStatic() {
        return timeColumn == null;
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSchema::name).toList();
    }
}
