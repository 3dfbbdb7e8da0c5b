package org.relgraph.schema;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tables whose rows can reach an entity's prediction: those within a number of foreign-key hops of the entity
 * table, in either direction (the graph's edges and their reverses), nearest first, each by its shortest path.
 */
public final class SchemaReach {
    /** A table within reach, e.g. {@code order} by {@code account <-[account_id]- order} at depth 1. */
    public record ReachedTable(String table, String path, int depth) {
    }

    private SchemaReach() {
    }

    /** Tables within {@code hops} of {@code entityTable}, nearest first, without the entity table itself. */
    public static List<ReachedTable> within(Schema schema, String entityTable, int hops) {
        String start = schema.requireTable(entityTable).name();
        Map<String, String> pathTo = new LinkedHashMap<>();
        Map<String, Integer> depth = new LinkedHashMap<>();
        pathTo.put(key(start), start);
        depth.put(key(start), 0);
        Deque<String> queue = new ArrayDeque<>(List.of(start));
        List<ReachedTable> found = new ArrayList<>();
        while (!queue.isEmpty()) {
            String at = queue.poll();
            int d = depth.get(key(at));
            if (d > 0) {
                found.add(new ReachedTable(at, pathTo.get(key(at)), d));
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

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
