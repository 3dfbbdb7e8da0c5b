package org.relgraph.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Structural checks of a schema on its own (no data): every named key, time column and referenced table
 * exists and has a sensible type.
 */
public final class SchemaChecks {
    private SchemaChecks() {
    }

    public static void requireConsistent(Schema schema, String origin) {
        for (TableSchema t : schema.tables()) {
            String where = origin + ": table '" + t.name() + "'";
            if (t.primaryKey() != null && !t.hasColumn(t.primaryKey())) {
                throw new SchemaException(where + ": primary_key '" + t.primaryKey() + "' is not a column",
                        "columns are: " + String.join(", ", t.columnNames()));
            }
            if (t.timeColumn() != null) {
                ColumnSchema c = t.column(t.timeColumn()).orElseThrow(() -> new SchemaException(
                        where + ": time_column '" + t.timeColumn() + "' is not a column",
                        "columns are: " + String.join(", ", t.columnNames())));
                if (c.type() != SemanticType.TIMESTAMP) {
                    throw new SchemaException(where + ": time_column '" + c.name() + "' has type "
                            + c.type().yamlName(), "declare it as: " + c.name() + ": timestamp");
                }
            }
            checkTimeFrom(schema, t, where);
            for (ForeignKey fk : t.foreignKeys()) {
                if (!t.hasColumn(fk.column())) {
                    throw new SchemaException(where + ": foreign key column '" + fk.column() + "' is not a column",
                            "columns are: " + String.join(", ", t.columnNames()));
                }
                TableSchema parent = schema.table(fk.referencedTable()).orElseThrow(() -> new SchemaException(
                        where + ": foreign key " + fk + " references an unknown table",
                        "tables are: " + String.join(", ", schema.tableNames())));
                if (parent.primaryKey() == null) {
                    throw new SchemaException(where + ": foreign key " + fk + " references table '"
                            + parent.name() + "', which has no primary_key", "declare its primary_key");
                }
            }
        }
        checkTimeFromChains(schema, origin);
    }

    /** {@code time_from} names one of the table's foreign keys, and goes with neither a time column nor static. */
    private static void checkTimeFrom(Schema schema, TableSchema t, String where) {
        if (t.declaredStatic() && (t.timeColumn() != null || t.timeFrom() != null)) {
            throw new SchemaException(where + ": 'static: true' but it also has " + (t.timeColumn() != null
                    ? "time_column '" + t.timeColumn() + "'" : "time_from '" + t.timeFrom() + "'"),
                    "a static table has no time: keep static: true or the time, not both");
        }
        if (t.timeFrom() == null) {
            return;
        }
        if (t.timeColumn() != null) {
            throw new SchemaException(where + ": has both time_column '" + t.timeColumn() + "' and time_from '"
                    + t.timeFrom() + "'", "keep one: time_column for the table's own time, time_from to take the "
                    + "time of the parent row a foreign key references");
        }
        if (t.timeFromKey().isEmpty()) {
            List<String> keys = t.foreignKeys().stream().map(ForeignKey::column).toList();
            throw new SchemaException(where + ": time_from '" + t.timeFrom() + "' is not one of its foreign keys",
                    keys.isEmpty() ? "declare the foreign key under foreign_keys first"
                            : "time_from names a foreign-key column; its foreign keys are: " + String.join(", ", keys));
        }
    }

    /**
     * Following {@code time_from} from table to parent must reach a table with a time column: a chain may pass
     * through tables that inherit in turn, but not end at a timeless table or loop.
     */
    private static void checkTimeFromChains(Schema schema, String origin) {
        for (TableSchema t : schema.tables()) {
            List<String> chain = new ArrayList<>();
            TableSchema at = t;
            while (at.timeFrom() != null) {
                chain.add(at.name());
                ForeignKey fk = at.timeFromKey().orElseThrow();
                TableSchema parent = schema.requireTable(fk.referencedTable());
                if (chain.stream().anyMatch(parent.name()::equalsIgnoreCase)) {
                    throw new SchemaException(origin + ": table '" + t.name() + "': time_from goes round in a loop ("
                            + String.join(" -> ", chain) + " -> " + parent.name() + ")",
                            "one table on the way must have its own time_column");
                }
                if (parent.isTimeless()) {
                    throw new SchemaException(origin + ": table '" + at.name() + "': time_from '" + at.timeFrom()
                            + "' references " + parent.name() + ", which has no time to inherit",
                            "give " + parent.name() + " a time_column (or a time_from of its own), or take "
                                    + at.name() + "'s time from another parent");
                }
                at = parent;
            }
        }
    }
}
