package org.relgraph.schema;

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
    }
}
