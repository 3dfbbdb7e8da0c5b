package org.relgraph.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the tables without time that a model can see: those within its hops of the entity table over foreign keys
 * in either direction (the graph's edges), or, for an overview, every one. Tables declared {@code static: true} are
 * left out: the user said their rows never change. The entity table itself is not listed: its rows are the
 * entities.
 */
public final class TimelessTables {
    private TimelessTables() {
    }

    /** Timeless tables within {@code hops} of {@code entityTable}, nearest first, each by its shortest path. */
    public static List<TimelessTable> reachable(Schema schema, String entityTable, int hops) {
        List<TimelessTable> found = new ArrayList<>();
        for (SchemaReach.ReachedTable r : SchemaReach.within(schema, entityTable, hops)) {
            TableSchema t = schema.requireTable(r.table());
            if (t.isTimeless() && !t.declaredStatic()) {
                found.add(new TimelessTable(t.name(), r.path(), r.depth(), oneTimedParent(schema, t.name())));
            }
        }
        return found;
    }

    /** Every timeless table not declared static, with its links, e.g. {@code order -[account_id]-> account}. */
    public static List<TimelessTable> all(Schema schema) {
        List<TimelessTable> found = new ArrayList<>();
        for (TableSchema t : schema.tables()) {
            if (!t.isTimeless() || t.declaredStatic()) {
                continue;
            }
            List<String> links = new ArrayList<>();
            t.foreignKeys().forEach(fk -> links.add(t.name() + " -[" + fk.column() + "]-> " + fk.referencedTable()));
            schema.foreignKeysInto(t.name()).forEach(fk -> links.add(t.name() + " <-[" + fk.column() + "]- "
                    + fk.table()));
            found.add(new TimelessTable(t.name(), links.isEmpty() ? "(no foreign keys)" : String.join(", ", links), 0,
                    oneTimedParent(schema, t.name())));
        }
        return found;
    }

    /** Names of the tables declared {@code static: true}. */
    public static List<String> declaredStatic(Schema schema) {
        return schema.tables().stream().filter(TableSchema::declaredStatic).map(TableSchema::name).toList();
    }

    private static ForeignKey oneTimedParent(Schema schema, String table) {
        List<ForeignKey> keys = schema.keysToTimedParents(table);
        return keys.size() == 1 ? keys.get(0) : null;
    }
}
