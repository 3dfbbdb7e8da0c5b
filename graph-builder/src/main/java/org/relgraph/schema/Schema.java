package org.relgraph.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The tables of a relational database and the keys that link them. Table names match case-insensitively. */
public final class Schema {
    private final Map<String, TableSchema> tables = new LinkedHashMap<>();

    public Schema(List<TableSchema> tables) {
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

    /** Foreign keys that point at {@code table}. */
    public List<ForeignKey> foreignKeysInto(String table) {
        return foreignKeys().stream().filter(fk -> fk.referencedTable().equalsIgnoreCase(table)).toList();
    }
}
