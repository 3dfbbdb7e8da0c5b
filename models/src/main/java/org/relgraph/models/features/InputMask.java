package org.relgraph.models.features;

import org.relgraph.table.Database;

/**
 * An input hidden from a model to see how much it leans on it: every row of one table (as if the table were empty),
 * or one column of the entity table (as if every value were null); {@link #none()} hides nothing. The leakage audit
 * masks one input at a time.
 *
 * @param table        the table whose rows are hidden, or null
 * @param entityColumn the entity table's column whose values are hidden, or null
 */
public record InputMask(String table, String entityColumn) {
    public InputMask {
        if (table != null && entityColumn != null) {
            throw new IllegalArgumentException("a mask hides a table or an entity column, not both");
        }
    }

    public static InputMask none() {
        return new InputMask(null, null);
    }

    public static InputMask rowsOf(String table) {
        return new InputMask(table, null);
    }

    public static InputMask entityColumn(String column) {
        return new InputMask(null, column);
    }

    /** Whether this mask hides the rows of {@code name} (table names compare case-insensitively, as in schemas). */
    public boolean hidesTable(String name) {
        return table != null && table.equalsIgnoreCase(name);
    }

    /** Whether this mask hides the entity table's column {@code name}. */
    public boolean hidesEntityColumn(String name) {
        return entityColumn != null && entityColumn.equalsIgnoreCase(name);
    }

    /** Whether nothing is hidden: the model as trained. */
    public boolean hidesNothing() {
        return table == null && entityColumn == null;
    }

    /**
     * {@code db} with this mask's input hidden ({@link Database#withEmptyTable} / {@link Database#withNullColumn}
     * of {@code entityTable}): what a model reopened on it cannot see. The feature matrix's
     * {@link FeatureMatrix#masked} must equal features computed from it.
     */
    public Database applyTo(Database db, String entityTable) {
        return table != null ? db.withEmptyTable(table)
                : entityColumn != null ? db.withNullColumn(entityTable, entityColumn) : db;
    }

    @Override
    public String toString() {
        return table != null ? "rows of " + table
                : entityColumn != null ? "entity column " + entityColumn : "nothing";
    }
}
