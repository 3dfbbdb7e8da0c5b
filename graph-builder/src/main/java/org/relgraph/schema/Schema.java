package org.relgraph.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of a relational database and the keys that link them. Table names match case-insensitively.
 * A schema made by {@link #without} remembers which tables were left out, so a model trained on it can record them
 * and scoring can leave out the same ones.
 */
public final class Schema {
    private final Map<String, TableSchema> tables = new LinkedHashMap<>();
    private final List<String> excludedTables;

    public Schema(List<TableSchema> tables) {
        this(tables, List.of());
    }

    /** @param excludedTables names of tables the user left out of this schema (e.g. {@code --exclude-tables}) */
    public Schema(List<TableSchema> tables, List<String> excludedTables) {
        this.excludedTables = List.copyOf(excludedTables);
        for (TableSchema t : tables) {
            TableSchema previous = this.tables.put(key(t.name()), t);
            if (previous != null) {
                throw new SchemaException("table '" + t.name() + "' is declared twice",
                        "give every table a distinct name");
            }
        }
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    public List<TableSchema> tables() {
        return List.copyOf(tables.values());
    }

    public Optional<TableSchema> table(String name) {
        return Optional.ofNullable(tables.get(key(name)));
    }

    /** The table of that name, or a {@link SchemaException} listing the tables that exist. */
    public TableSchema requireTable(String name) {
        return table(name).orElseThrow(() -> new SchemaException("unknown table '" + name + "'",
                "tables are: " + String.join(", ", tableNames())));
    }

    public List<String> tableNames() {
        return tables.values().stream().map(TableSchema::name).toList();
    }

    public List<ForeignKey> foreignKeys() {
        List<ForeignKey> all = new ArrayList<>();
        tables.values().forEach(t -> all.addAll(t.foreignKeys()));
        return all;
    }

    /** Tables left out of this schema by the user, as they were named in the full schema; empty for none. */
    public List<String> excludedTables() {
        return excludedTables;
    }

    /**
     * This schema without {@code names} (tables of this schema) and without the foreign keys that point at them;
     * the left-out names are added to {@link #excludedTables()}.
     */
    public Schema without(java.util.Collection<String> names) {
        List<String> dropped = names.stream().map(n -> requireTable(n).name()).distinct().toList();
        List<TableSchema> kept = tables.values().stream()
                .filter(t -> dropped.stream().noneMatch(d -> d.equalsIgnoreCase(t.name())))
                .map(t -> t.withoutKeysInto(dropped)).toList();
        List<String> excluded = new ArrayList<>(excludedTables);
        excluded.addAll(dropped);
        return new Schema(kept, excluded);
    }

    /** A copy with {@code table} replaced by {@code replacement} (same name), keeping the excluded tables. */
    public Schema withTable(TableSchema replacement) {
        List<TableSchema> all = tables.values().stream()
                .map(t -> t.name().equalsIgnoreCase(replacement.name()) ? replacement : t).toList();
        return new Schema(all, excludedTables);
    }

    /**
     * The foreign keys of {@code table} whose parent has a time (its own or inherited): the ways the table could
     * take a time with {@code time_from}.
     */
    public List<ForeignKey> keysToTimedParents(String table) {
        return requireTable(table).foreignKeys().stream()
                .filter(fk -> table(fk.referencedTable()).map(p -> !p.isTimeless()).orElse(false)).toList();
    }

    /** Foreign keys that point at {@code table}. */
    public List<ForeignKey> foreignKeysInto(String table) {
        return foreignKeys().stream().filter(fk -> fk.referencedTable().equalsIgnoreCase(table)).toList();
    }
}
