package org.relgraph.models.features;

import static org.relgraph.models.features.DuckDbMirror.foreignKeyColumn;
import static org.relgraph.models.features.DuckDbMirror.tableName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;

/**
 * A way from the entity table to rows that can be aggregated per entity: a child table ({@code c.fk → entity}),
 * a grandchild through a child ({@code g.fk → c}), or the parent of a child ({@code c.fk2 → p}, e.g. a holding's
 * product in the catalog). In generated SQL the anchors are {@code a}, the child {@code c} and the second table
 * {@code s}; every table on the path that has a time column must be at or before the bound, so no row from after
 * an anchor ever joins.
 */
record RelatedPath(Kind kind, String name, ForeignKey toEntity, ForeignKey second, boolean childTimed,
                   boolean secondTimed) {
    enum Kind { CHILD, GRANDCHILD, PARENT_OF_CHILD }

    static List<RelatedPath> from(Schema schema, String entityTable, int maxHops) {
        List<RelatedPath> paths = new ArrayList<>();
        for (ForeignKey toEntity : schema.foreignKeysInto(entityTable)) {
            String child = toEntity.table();
            boolean childTimed = isTimed(schema, child);
            paths.add(new RelatedPath(Kind.CHILD, child, toEntity, null, childTimed, false));
            if (maxHops < 2) {
                continue;
            }
            for (ForeignKey intoChild : schema.foreignKeysInto(child)) {
                paths.add(new RelatedPath(Kind.GRANDCHILD, child + "<" + intoChild.table(), toEntity, intoChild,
                        childTimed, isTimed(schema, intoChild.table())));
            }
            for (ForeignKey fromChild : schema.requireTable(child).foreignKeys()) {
                if (!fromChild.equals(toEntity)) {
                    paths.add(new RelatedPath(Kind.PARENT_OF_CHILD, child + ">" + fromChild.referencedTable(),
                            toEntity, fromChild, childTimed, isTimed(schema, fromChild.referencedTable())));
                }
            }
        }
        return disambiguated(paths);
    }

    /** Two keys between the same tables (a transfer's sender and receiver) would give two paths of one name. */
    private static List<RelatedPath> disambiguated(List<RelatedPath> paths) {
        Map<String, Integer> uses = new HashMap<>();
        paths.forEach(p -> uses.merge(p.name, 1, Integer::sum));
        return paths.stream().map(p -> uses.get(p.name) == 1 ? p : new RelatedPath(p.kind,
                p.name + "(" + p.toEntity.column() + (p.second == null ? "" : "," + p.second.column()) + ")",
                p.toEntity, p.second, p.childTimed, p.secondTimed)).toList();
    }

    private static boolean isTimed(Schema schema, String table) {
        return !schema.requireTable(table).isTimeless();
    }

    int hops() {
        return kind == Kind.CHILD ? 1 : 2;
    }

    /** Every table the path joins: without rows in any of them, the path reaches no row. */
    List<String> tables() {
        return switch (kind) {
            case CHILD -> List.of(toEntity.table());
            case GRANDCHILD -> List.of(toEntity.table(), second.table());
            case PARENT_OF_CHILD -> List.of(toEntity.table(), second.referencedTable());
        };
    }

    /** Whether the aggregated rows are entities themselves (a transfer's other party, a referrer). */
    boolean measuresEntity() {
        return measuredTable().equalsIgnoreCase(toEntity.referencedTable());
    }

    /** The table whose columns are aggregated. */
    String measuredTable() {
        return switch (kind) {
            case CHILD -> toEntity.table();
            case GRANDCHILD -> second.table();
            case PARENT_OF_CHILD -> second.referencedTable();
        };
    }

    String measuredAlias() {
        return kind == Kind.CHILD ? "c" : "s";
    }

    /**
     * When the aggregated event happened: the grandchild's own time, else the child's (a product is "held" when the
     * holding row appears), or null when nothing on the path has a time.
     */
    String eventTime() {
        if (kind == Kind.GRANDCHILD && secondTimed) {
            return "s._time";
        }
        return childTimed ? "c._time" : null;
    }

    /** Joins anchors {@code a(qid, erow, cut)} to the path's rows with time at or before {@code a.cut}. */
    String joinFromAnchors() {
        return "anchors a JOIN " + tableName(toEntity.table()) + " c ON c." + foreignKeyColumn(toEntity)
                + " = a.erow" + (childTimed ? " AND c._time <= a.cut" : "") + secondJoin("a.cut");
    }

    /** The path's rows that belong to some entity and have time at or before {@code horizonMs}. */
    String joinUpTo(long horizonMs) {
        return tableName(toEntity.table()) + " c" + secondJoin(Long.toString(horizonMs)) + " WHERE c."
                + foreignKeyColumn(toEntity) + " IS NOT NULL" + (childTimed ? " AND c._time <= " + horizonMs : "");
    }

    private String secondJoin(String bound) {
        String timeCondition = secondTimed ? " AND s._time <= " + bound : "";
        return switch (kind) {
            case CHILD -> "";
            case GRANDCHILD -> " JOIN " + tableName(second.table()) + " s ON s." + foreignKeyColumn(second)
                    + " = c._row" + timeCondition;
            case PARENT_OF_CHILD -> " JOIN " + tableName(second.referencedTable()) + " s ON c."
                    + foreignKeyColumn(second) + " = s._row" + timeCondition;
        };
    }
}
