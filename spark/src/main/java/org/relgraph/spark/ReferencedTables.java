package org.relgraph.spark;

import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;

/**
 * The parent side of a child table's foreign key column, looked up one way by every Spark job that follows a listed
 * or summarised foreign key to its parent (labels' LIST_DISTINCT targets, score's counted child rows).
 */
final class ReferencedTables {
    private ReferencedTables() {
    }

    /** The foreign key of {@code child} on {@code column}, compared ignoring case as schema.yaml's names are. */
    static ForeignKey foreignKey(TableSchema child, String column) {
        return child.foreignKeys().stream().filter(k -> k.column().equalsIgnoreCase(column)).findFirst()
                .orElseThrow(() -> new SchemaException("table '" + child.name() + "' has no foreign key on column '"
                        + column + "'", "declare it under foreign_keys of " + child.name() + " in schema.yaml"));
    }

    /** The table that {@code child}'s foreign key on {@code column} references. */
    static TableSchema parentOf(Schema schema, TableSchema child, String column) {
        return schema.requireTable(foreignKey(child, column).referencedTable());
    }
}
