package org.relgraph.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One table: its columns, an optional primary key, when its rows become known, and the foreign keys it holds.
 *
 * <p>A row's time comes from the table's own {@code timeColumn}, or, with {@code timeFrom}, from the parent row its
 * foreign key {@code timeFrom} references (raw F1 dates only races; a result is known when its race is). Loading
 * resolves {@code timeFrom} into a derived timestamp column, which then is the {@code timeColumn}, so everything
 * downstream reads one kind of time. A table with neither is <em>timeless</em>: its rows exist at every time.
 * {@code declaredStatic} says the user confirmed that is true of the table (a district or product catalogue), so
 * relgraph does not warn about it.
 *
 * @param source   where the rows come from, relative to the data folder (a file name) or a database table name;
 *                 null means "{@code name}.csv / .parquet / the table of that name"
 * @param timeFrom the foreign-key column through which the rows take their parent's time, or null
 */
public record TableSchema(String name, List<ColumnSchema> columns, String primaryKey, String timeColumn,
                          List<ForeignKey> foreignKeys, String source, String timeFrom, boolean declaredStatic) {
    public TableSchema {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
    }

    public TableSchema(String name, List<ColumnSchema> columns, String primaryKey, String timeColumn,
                       List<ForeignKey> foreignKeys, String source) {
        this(name, columns, primaryKey, timeColumn, foreignKeys, source, null, false);
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

    /** No time of its own and none inherited: its rows are visible at every prediction time. */
    public boolean isTimeless() {
        return timeColumn == null && timeFrom == null;
    }

    /** The foreign key named by {@code timeFrom}, if the table inherits its time. */
    public Optional<ForeignKey> timeFromKey() {
        return timeFrom == null ? Optional.empty()
                : foreignKeys.stream().filter(fk -> fk.column().equalsIgnoreCase(timeFrom)).findFirst();
    }

    /**
     * This table once its inherited time is loaded: {@code column} (a timestamp column appended to the columns) is
     * its time column; {@code timeFrom} stays to say where the time came from.
     */
    public TableSchema withInheritedTimeColumn(String column) {
        List<ColumnSchema> all = new ArrayList<>(columns);
        all.add(new ColumnSchema(column, SemanticType.TIMESTAMP));
        return new TableSchema(name, all, primaryKey, column, foreignKeys, source, timeFrom, declaredStatic);
    }

    /** This table without the foreign keys that point at {@code droppedTables} (they were left out of the data). */
    public TableSchema withoutKeysInto(java.util.Collection<String> droppedTables) {
        List<ForeignKey> kept = foreignKeys.stream()
                .filter(fk -> droppedTables.stream().noneMatch(d -> d.equalsIgnoreCase(fk.referencedTable())))
                .toList();
        return kept.size() == foreignKeys.size() ? this
                : new TableSchema(name, columns, primaryKey, timeColumn, kept, source, timeFrom, declaredStatic);
    }

    /** The derived time column holds the parent's time, not data from the table's file. */
    public boolean isInheritedTimeColumn(String columnName) {
        return timeFrom != null && timeColumn != null && timeColumn.equalsIgnoreCase(columnName);
    }

    public List<String> columnNames() {
        return columns.stream().map(ColumnSchema::name).toList();
    }
}
