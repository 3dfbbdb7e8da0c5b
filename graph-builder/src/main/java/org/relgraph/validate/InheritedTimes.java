package org.relgraph.validate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.KeyIndex;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Gives every table declared with {@code time_from: FK} the time of the parent row its foreign key references, as a
 * timestamp column appended to the table, which becomes its time column. The graph, the sampler and the labels
 * then treat the table like any dated table: a result of a race is invisible before the race.
 *
 * <p>The column is named after the parent's time column (raw F1: {@code results} gets {@code date} from
 * {@code races}), or {@code <parent>_<column>} when the table already has a column of that name. A row whose key
 * is null, or whose parent was dropped, gets no time: the graph never shows it (see
 * {@link org.relgraph.graph.HeteroGraph}), and a warning says how many. Parents are resolved before their
 * children, so a chain (pit stop → result → race) works; schema checks have already ruled out loops.
 */
public final class InheritedTimes {
    private InheritedTimes() {
    }

    /**
     * {@code schema} as the loader leaves it: each table declared with {@code time_from} gets its inherited time
     * column (named as {@link #resolve} names it) as its time column. For readers that compute the times themselves
     * (the Spark jobs) and must bind queries to the same columns.
     */
    public static Schema resolvedSchema(Schema schema) {
        List<String> pending = new ArrayList<>(schema.tables().stream()
                .filter(t -> t.timeFrom() != null && t.timeColumn() == null).map(TableSchema::name).toList());
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (String name : List.copyOf(pending)) {
                TableSchema child = schema.requireTable(name);
                TableSchema parent = schema.requireTable(child.timeFromKey().orElseThrow().referencedTable());
                if (parent.timeColumn() == null) {
                    continue; // the parent inherits its own time and is not resolved yet
                }
                schema = schema.withTable(child.withInheritedTimeColumn(
                        freeName(child, parent.name(), parent.timeColumn())));
                pending.remove(name);
            }
            if (pending.size() == before) {
                throw new IllegalStateException("time_from cannot be resolved for " + pending
                        + "; SchemaChecks should have refused the schema");
            }
        }
        return schema;
    }

    /** {@code db} with inherited times filled in; {@code db} itself when no table inherits its time. */
    static Database resolve(Database db, ValidationReport report) {
        Schema schema = db.schema();
        List<String> pending = new ArrayList<>(schema.tables().stream()
                .filter(t -> t.timeFrom() != null && t.timeColumn() == null).map(TableSchema::name).toList());
        if (pending.isEmpty()) {
            return db;
        }
        Map<String, Table> tables = new LinkedHashMap<>();
        db.tables().forEach(t -> tables.put(key(t.name()), t));
        while (!pending.isEmpty()) {
            int before = pending.size();
            for (String name : List.copyOf(pending)) {
                TableSchema child = schema.requireTable(name);
                ForeignKey fk = child.timeFromKey().orElseThrow();
                Table parent = tables.get(key(fk.referencedTable()));
                if (parent.timeColumn().isEmpty()) {
                    continue; // the parent inherits its own time and is not resolved yet
                }
                Table resolved = inherit(tables.get(key(name)), child, parent, db.parentRows(fk), report);
                tables.put(key(name), resolved);
                schema = schema.withTable(resolved.schema());
                pending.remove(name);
            }
            if (pending.size() == before) {
                throw new IllegalStateException("time_from cannot be resolved for " + pending
                        + "; SchemaChecks should have refused the schema");
            }
        }
        return new Database(schema, new ArrayList<>(tables.values()));
    }

    private static Table inherit(Table table, TableSchema declared, Table parent, int[] parentRows,
                                 ValidationReport report) {
        LongColumn parentTime = parent.timeColumn().orElseThrow();
        int rows = table.rowCount();
        long[] values = new long[rows];
        BitSet nulls = new BitSet(rows);
        for (int r = 0; r < rows; r++) {
            int p = parentRows[r];
            if (p == KeyIndex.MISSING || parentTime.isNull(p)) {
                nulls.set(r);
            } else {
                values[r] = parentTime.get(p);
            }
        }
        String name = freeName(declared, parent.name(), parentTime.name());
        if (!nulls.isEmpty()) {
            report.add(new Problem(Severity.WARNING, table.name(), declared.timeFrom(), nulls.nextSetBit(0) + 1L,
                    rows(nulls.cardinality()) + " with no " + parent.name() + " row (or one without a time) get no "
                            + "time from time_from, so they are never shown to a model",
                    "fill in " + declared.timeFrom() + ", or date those " + parent.name() + " rows"));
        }
        List<Column> columns = new ArrayList<>(table.columns());
        columns.add(new LongColumn(name, SemanticType.TIMESTAMP, values, nulls));
        return new Table(declared.withInheritedTimeColumn(name), columns);
    }

    /** The parent's time column name, unless the table has a column of that name already. */
    static String freeName(TableSchema table, String parentTable, String parentTimeColumn) {
        String name = parentTimeColumn;
        if (!table.hasColumn(name)) {
            return name;
        }
        name = parentTable + "_" + parentTimeColumn;
        for (int i = 2; table.hasColumn(name); i++) {
            name = parentTable + "_" + parentTimeColumn + "_" + i;
        }
        return name;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String rows(int n) {
        return n == 1 ? "1 row" : n + " rows";
    }
}
