package org.relgraph.validate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.KeyIndex;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Checks loaded tables against the rules the graph relies on, then links them into a {@link Database}.
 * Either returns a complete database or throws a {@link ValidationException} with every problem found.
 */
public final class DatabaseValidator {
    private static final int EXAMPLES = 5;

    private final DanglingPolicy danglingPolicy;

    public DatabaseValidator(DanglingPolicy danglingPolicy) {
        this.danglingPolicy = danglingPolicy;
    }

    /**
     * @param source names the data in the exception message, e.g. "folder data/mini-bank"
     * @throws ValidationException when there is at least one ERROR
     */
    public ValidatedDatabase validate(String source, Schema schema, List<Table> tables) {
        ValidationReport report = new ValidationReport();
        checkForeignKeyCycles(schema, report);
        for (Table t : tables) {
            if (t.rowCount() == 0) {
                report.add(noRows(t.name()));
            }
            t.schema().primaryKeyOpt().ifPresent(pk -> checkPrimaryKey(t, t.requireColumn(pk), report));
        }
        Linked linked = linkHandlingDangling(schema, tables, report);
        // after dropping dangling rows, so a dropped parent cannot lend its time
        if (!report.hasErrors()) {
            linked = new Linked(InheritedTimes.resolve(linked.db(), report), linked.loadedRow());
        }
        checkTimeOrder(linked, report);
        if (report.hasErrors()) {
            throw new ValidationException(source, report);
        }
        return new ValidatedDatabase(linked.db(), report);
    }

    /**
     * The linked database, and for tables that lost rows to DROP, each remaining row's row number as loaded,
     * so messages keep naming rows as the user's file numbers them.
     */
    private record Linked(Database db, Map<String, int[]> loadedRow) {
        long rowNumber(Table t, int row) {
            int[] map = loadedRow.get(t.name().toLowerCase(Locale.ROOT));
            return (map == null ? row : map[row]) + 1L;
        }
    }

    private static void checkPrimaryKey(Table t, Column pk, ValidationReport report) {
        int nulls = 0;
        long firstNullRow = -1;
        for (int r = 0; r < pk.size(); r++) {
            if (pk.isNull(r)) {
                nulls++;
                firstNullRow = firstNullRow < 0 ? r + 1 : firstNullRow;
            }
        }
        if (nulls > 0) {
            report.add(nullKeys(t.name(), pk.name(), nulls, firstNullRow));
        }
        if (pk instanceof LongColumn l && strictlyIncreasing(l)) {
            return; // exported ids usually are: no index (12-24 bytes per row, 3 GB on 100M rows) is needed
        }
        KeyIndex index = KeyIndex.of(pk);
        int duplicates = 0;
        long firstDuplicateRow = -1;
        Set<String> examples = new LinkedHashSet<>();
        for (int r = 0; r < pk.size(); r++) {
            if (pk.isNull(r)) {
                continue;
            }
            // Integer keys are looked up as numbers: formatting every key of a large table cost seconds per load.
            int owner = pk instanceof LongColumn l ? index.rowOf(l.get(r)) : index.rowOf(pk.format(r));
            if (owner != r) {
                duplicates++;
                firstDuplicateRow = firstDuplicateRow < 0 ? r + 1 : firstDuplicateRow;
                if (examples.size() < EXAMPLES) {
                    examples.add(pk.format(r));
                }
            }
        }
        if (duplicates > 0) {
            report.add(duplicateKeys(t.name(), pk.name(), duplicates, firstDuplicateRow, examples));
        }
    }

    /*
     * The key problems, worded here for every checker of the rules (this validator and the Spark jobs' checks), so
     * both paths refuse bad keys with the same message.
     */

    /** The table has no rows at all. */
    public static Problem noRows(String table) {
        return new Problem(Severity.ERROR, table, null, -1, "has no rows",
                "load data into it, or remove it from the schema");
    }

    /** {@code count} rows of {@code table} have no primary-key value, the first at 1-based row {@code firstRow}. */
    public static Problem nullKeys(String table, String column, long count, long firstRow) {
        return new Problem(Severity.ERROR, table, column, firstRow, rows(count) + " without a primary key value",
                "every row needs a key; fill them in or drop those rows");
    }

    /** {@code count} rows repeat the key of an earlier row; {@code examples}: the first few such keys. */
    public static Problem duplicateKeys(String table, String column, long count, long firstRow,
                                        Collection<String> examples) {
        return new Problem(Severity.ERROR, table, column, firstRow,
                rows(count) + " repeating a primary key of an earlier row, e.g. " + quoted(examples),
                "a primary key must be unique; remove the duplicate rows or choose another key column");
    }

    /** Under FAIL: {@code count} rows of {@code child} whose {@code column} matches no row of {@code parent}. */
    public static Problem danglingKeys(String child, String column, String parent, long count, long firstRow,
                                       Collection<String> examples) {
        return new Problem(Severity.ERROR, child, column, firstRow, rows(count) + dangling(column, parent, examples),
                "add the missing " + parent + " rows, fix the keys, or load with the dangling policy DROP to remove "
                        + "such rows");
    }

    private static String dangling(String column, String parent, Collection<String> examples) {
        return " whose " + column + " matches no row of " + parent + ", e.g. " + quoted(examples);
    }

    /** True when the non-null keys increase row by row, so none repeats. */
    private static boolean strictlyIncreasing(LongColumn keys) {
        long previous = Long.MIN_VALUE;
        boolean first = true;
        for (int r = 0; r < keys.size(); r++) {
            if (keys.isNull(r)) {
                continue;
            }
            long k = keys.get(r);
            if (!first && k <= previous) {
                return false;
            }
            previous = k;
            first = false;
        }
        return true;
    }

    /** Links the tables; under DROP removes dangling rows until none are left (a drop can orphan grandchildren). */
    private Linked linkHandlingDangling(Schema schema, List<Table> tables, ValidationReport report) {
        Map<String, int[]> loadedRow = new HashMap<>();
        Map<String, Table> current = new LinkedHashMap<>();
        tables.forEach(t -> current.put(t.name().toLowerCase(Locale.ROOT), t));
        Map<String, Integer> rowsBefore = new HashMap<>();
        tables.forEach(t -> rowsBefore.put(t.name().toLowerCase(Locale.ROOT), t.rowCount()));
        while (true) {
            Database db = new Database(schema, new ArrayList<>(current.values()));
            Linked linked = new Linked(db, loadedRow);
            Map<String, BitSet> drop = new HashMap<>();
            for (ForeignKey fk : schema.foreignKeys()) {
                Table child = db.table(fk.table());
                Column keys = child.requireColumn(fk.column());
                int[] parents = db.parentRows(fk);
                BitSet dangling = new BitSet();
                for (int r = 0; r < parents.length; r++) {
                    if (parents[r] == KeyIndex.MISSING && !keys.isNull(r)) {
                        dangling.set(r);
                    }
                }
                if (dangling.isEmpty()) {
                    continue;
                }
                Set<String> examples = new LinkedHashSet<>();
                for (int r = dangling.nextSetBit(0); r >= 0 && examples.size() < EXAMPLES;
                     r = dangling.nextSetBit(r + 1)) {
                    examples.add(keys.format(r));
                }
                String parent = db.table(fk.referencedTable()).name();
                String what = dangling(fk.column(), parent, examples);
                if (danglingPolicy == DanglingPolicy.FAIL) {
                    report.add(danglingKeys(child.name(), fk.column(), parent, dangling.cardinality(),
                            linked.rowNumber(child, dangling.nextSetBit(0)), examples));
                } else {
                    report.add(new Problem(Severity.WARNING, child.name(), fk.column(), -1, "dropped "
                            + rows(dangling.cardinality()) + what,
                            "policy DROP removes them; use FAIL to stop instead"));
                    drop.computeIfAbsent(child.name().toLowerCase(Locale.ROOT), k -> new BitSet()).or(dangling);
                }
            }
            if (drop.isEmpty()) {
                for (Table t : db.tables()) {
                    if (t.rowCount() == 0 && rowsBefore.get(t.name().toLowerCase(Locale.ROOT)) > 0) {
                        report.add(new Problem(Severity.ERROR, t.name(), null, -1,
                                "has no rows left after dropping dangling references",
                                "its foreign keys match nothing: check that the right tables were loaded"));
                    }
                }
                return linked;
            }
            drop.forEach((name, rows) -> {
                Table t = current.get(name);
                BitSet keep = new BitSet();
                keep.set(0, t.rowCount());
                keep.andNot(rows);
                current.put(name, RowSelection.keep(t, keep));
                int[] kept = new int[keep.cardinality()];
                int[] before = loadedRow.get(name);
                int i = 0;
                for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1)) {
                    kept[i++] = before == null ? r : before[r];
                }
                loadedRow.put(name, kept);
            });
        }
    }

    private static void checkTimeOrder(Linked linked, ValidationReport report) {
        Database db = linked.db();
        for (ForeignKey fk : db.schema().foreignKeys()) {
            Table child = db.table(fk.table());
            Table parent = db.table(fk.referencedTable());
            Optional<LongColumn> childTime = child.timeColumn();
            Optional<LongColumn> parentTime = parent.timeColumn();
            if (childTime.isEmpty() || parentTime.isEmpty()) {
                continue;
            }
            LongColumn ct = childTime.get();
            LongColumn pt = parentTime.get();
            int[] parents = db.parentRows(fk);
            int count = 0;
            long firstRow = -1;
            List<String> examples = new ArrayList<>();
            for (int r = 0; r < parents.length; r++) {
                int p = parents[r];
                if (p == KeyIndex.MISSING || ct.isNull(r) || pt.isNull(p) || ct.get(r) >= pt.get(p)) {
                    continue;
                }
                count++;
                firstRow = firstRow < 0 ? linked.rowNumber(child, r) : firstRow;
                if (examples.size() < EXAMPLES) {
                    examples.add("row " + linked.rowNumber(child, r) + " at " + Instant.ofEpochMilli(ct.get(r)) + " -> "
                            + fk.column() + " " + child.requireColumn(fk.column()).format(r) + " at "
                            + Instant.ofEpochMilli(pt.get(p)));
                }
            }
            if (count > 0) {
                report.add(new Problem(Severity.WARNING, child.name(), fk.column(), firstRow, rows(count)
                        + " older than the " + parent.name() + " row referenced (" + ct.name()
                        + " < " + parent.name() + "." + pt.name() + "), e.g. " + String.join("; ", examples),
                        "a row should not refer to something that did not exist yet; check both time columns"));
            }
        }
    }

    private static void checkForeignKeyCycles(Schema schema, ValidationReport report) {
        Graph<String, DefaultEdge> graph = new DirectedPseudograph<>(DefaultEdge.class);
        schema.tables().forEach(t -> graph.addVertex(t.name().toLowerCase(Locale.ROOT)));
        Map<String, String> displayName = new HashMap<>();
        schema.tables().forEach(t -> displayName.put(t.name().toLowerCase(Locale.ROOT), t.name()));
        for (ForeignKey fk : schema.foreignKeys()) {
            String from = fk.table().toLowerCase(Locale.ROOT);
            String to = fk.referencedTable().toLowerCase(Locale.ROOT);
            if (from.equals(to)) {
                report.add(new Problem(Severity.WARNING, displayName.get(from), fk.column(), -1,
                        "references its own table (a foreign-key cycle of one table)",
                        "allowed; make sure it is intended (e.g. manager_id -> employees)"));
            } else {
                graph.addEdge(from, to);
            }
        }
        for (Set<String> component : new KosarajuStrongConnectivityInspector<>(graph).stronglyConnectedSets()) {
            if (component.size() > 1) {
                List<String> names = component.stream().map(displayName::get).sorted().toList();
                report.add(new Problem(Severity.WARNING, null, null, -1, "foreign keys form a cycle through tables "
                        + String.join(", ", names), "allowed, but a cycle often means a key points the wrong way; "
                        + "check the foreign_keys of these tables"));
            }
        }
    }

    private static String quoted(Collection<String> values) {
        return String.join(", ", values.stream().map(v -> "'" + v + "'").toList());
    }

    private static String rows(long n) {
        return n == 1 ? "1 row" : n + " rows";
    }
}
