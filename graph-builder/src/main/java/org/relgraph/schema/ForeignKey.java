package org.relgraph.schema;

import java.util.Objects;

/**
 * {@code table.column → referencedTable}: the column holds values of the referenced table's primary key.
 * The row holding the key is the "child"; the referenced row is the "parent".
 */
public record ForeignKey(String table, String column, String referencedTable) {
    public ForeignKey {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(referencedTable, "referencedTable");
    }

    @Override
    public String toString() {
        return table + "." + column + " -> " + referencedTable;
    }
}
