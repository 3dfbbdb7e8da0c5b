package org.relgraph.table;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;

/**
 * A loaded relational database: columnar tables plus every foreign key resolved to parent row numbers,
 * so graph building and feature code never look keys up again.
 */
public final class Database {
    private final Schema schema;
    private final Map<String, Table> tables = new LinkedHashMap<>();
    private final Map<ForeignKey, int[]> parentRows = new HashMap<>();

    /**
     * Links the tables. A child row whose key is null or matches no parent gets {@link KeyIndex#MISSING};
     * {@link #danglingReferences(ForeignKey)} counts the latter so validation can report or drop them.
     */
    public Database(Schema schema, List<Table> tables) {
        this(schema, tables, null);
    }

    /**
     * @param linkedBefore a database whose links may be kept: a foreign key whose key column and referenced primary
     *                     key are the very same column objects here (a masked copy leaves all but one table alone,
     *                     and a nulled value column leaves its table's keys alone) keeps its parent rows instead of
     *                     indexing and resolving them again (0.8 GB on a 1M-customer bank); null for none
     */
    private Database(Schema schema, List<Table> tables, Database linkedBefore) {
        this.schema = schema;
        for (Table t : tables) {
            this.tables.put(t.name().toLowerCase(Locale.ROOT), t);
        }
        Map<String, KeyIndex> indexes = new HashMap<>();
        for (ForeignKey fk : schema.foreignKeys()) {
            Table parent = table(fk.referencedTable());
            String pk = parent.schema().primaryKeyOpt().orElseThrow(() -> new SchemaException(
                    "foreign key " + fk + " points at table '" + parent.name() + "', which has no primary key",
                    "declare primary_key for " + parent.name() + " in schema.yaml"));
            Column keys = table(fk.table()).requireColumn(fk.column());
            if (linkedBefore != null && linkedBefore.parentRows.containsKey(fk)
                    && linkedBefore.table(fk.table()).requireColumn(fk.column()) == keys
                    && linkedBefore.table(fk.referencedTable()).requireColumn(pk) == parent.requireColumn(pk)) {
                parentRows.put(fk, linkedBefore.parentRows.get(fk));
                continue;
            }
            if (keys.size() == 0) {
                parentRows.put(fk, new int[0]); // an emptied child: nothing to look up, no parent index to build
                continue;
            }
            KeyIndex index = indexes.computeIfAbsent(parent.name(), n -> KeyIndex.of(parent.requireColumn(pk)));
            parentRows.put(fk, index.resolve(keys));
        }
    }

    /**
     * This database with the named table's rows gone (schema and columns kept, links to it unresolved): what a model
     * sees of a table that is masked, e.g. by the leakage audit, which scores a trained model without each table.
     */
    public Database withEmptyTable(String name) {
        Table emptied = table(name);
        return new Database(schema, tables.values().stream().map(t -> t == emptied ? t.emptyCopy() : t).toList(),
                this);
    }

    /** This database with one column of one table all null: what a model sees of a masked column. */
    public Database withNullColumn(String tableName, String column) {
        Table masked = table(tableName);
        return new Database(schema, tables.values().stream().map(t -> t == masked ? t.withNullColumn(column) : t)
                .toList(), this);
    }

    public Schema schema() {
        return schema;
    }

    public Table table(String name) {
        Table t = tables.get(name.toLowerCase(Locale.ROOT));
        if (t == null) {
            throw new SchemaException("unknown table '" + name + "'", "tables are: " + String.join(", ",
                    schema.tableNames()));
        }
        return t;
    }

    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    /** {@code parentRows(fk)[childRow]} = the referenced row in {@code fk.referencedTable()}, or -1. */
    public int[] parentRows(ForeignKey fk) {
        int[] rows = parentRows.get(fk);
        if (rows == null) {
            throw new IllegalArgumentException("not a foreign key of this database: " + fk);
        }
        return rows;
    }

    /** Child rows with a non-null key that matches no parent row. */
    public int danglingReferences(ForeignKey fk) {
        int[] rows = parentRows(fk);
        Column keys = table(fk.table()).requireColumn(fk.column());
        int n = 0;
        for (int r = 0; r < rows.length; r++) {
            if (rows[r] == KeyIndex.MISSING && !keys.isNull(r)) {
                n++;
            }
        }
        return n;
    }

    public TableSchema tableSchema(String name) {
        return table(name).schema();
    }
}
