package org.relgraph.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

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
        String start = schema.requireTable(entityTable).name();
        Map<String, String> pathTo = new LinkedHashMap<>();
        Map<String, Integer> depth = new LinkedHashMap<>();
        pathTo.put(key(start), start);
        depth.put(key(start), 0);
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        List<TimelessTable> found = new ArrayList<>();
        while (!queue.isEmpty()) {
            String at = queue.poll();
            int d = depth.get(key(at));
            if (d > 0) {
                TableSchema t = schema.requireTable(at);
                if (t.isTimeless() && !t.declaredStatic()) {
                    found.add(new TimelessTable(t.name(), pathTo.get(key(at)), d, oneTimedParent(schema, t.name())));
                }
            }
            if (d == hops) {
                continue;
            }
            for (ForeignKey fk : schema.foreignKeys()) {
                String next = null;
                String step = null;
                if (fk.table().equalsIgnoreCase(at)) {
                    next = schema.requireTable(fk.referencedTable()).name();
                    step = " -[" + fk.column() + "]-> " + next;
                } else if (fk.referencedTable().equalsIgnoreCase(at)) {
                    next = schema.requireTable(fk.table()).name();
                    step = " <-[" + fk.column() + "]- " + next;
                }
                if (next != null && !depth.containsKey(key(next))) {
                    depth.put(key(next), d + 1);
                    pathTo.put(key(next), pathTo.get(key(at)) + step);
                    queue.add(next);
                }
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

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
