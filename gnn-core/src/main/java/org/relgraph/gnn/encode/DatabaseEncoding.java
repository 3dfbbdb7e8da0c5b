package org.relgraph.gnn.encode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * The fitted encodings of every table of a database: what the model bundle stores (see {@link EncodingJson}).
 *
 * @param childActivity the child summaries parent rows get as inputs; empty (also when read from a bundle written
 *                      before they existed) for none
 */
public record DatabaseEncoding(List<TableEncoding> tables, List<ChildActivityEncoding> childActivity) {
    public DatabaseEncoding {
        tables = List.copyOf(tables);
        childActivity = childActivity == null ? List.of() : List.copyOf(childActivity);
        Map<String, TableEncoding> seen = new LinkedHashMap<>();
        for (TableEncoding t : tables) {
            if (seen.put(t.table().toLowerCase(Locale.ROOT), t) != null) {
                throw new IllegalArgumentException("two encodings for table '" + t.table() + "'");
            }
        }
    }

    /** Table encodings only, no child summaries. */
    public DatabaseEncoding(List<TableEncoding> tables) {
        this(tables, List.of());
    }

    /**
     * Fits every table on its rows known by {@code cutoffTimeMs} (see
     * {@link TableEncoding#fit(Table, long, EncodingConfig)}) and, when {@link EncodingConfig#childActivity()}, the
     * child summaries of every foreign key from a timed table.
     */
    public static DatabaseEncoding fit(Database database, long cutoffTimeMs, EncodingConfig config) {
        List<TableEncoding> tables = database.tables().stream()
                .map(t -> TableEncoding.fit(t, cutoffTimeMs, config)).toList();
        return new DatabaseEncoding(tables, config.childActivity()
                ? ChildActivityEncoding.fit(database, tables, config.maxActivityValues(),
                        config.activityWindowSums()) : List.of());
    }

    /** The child summaries of {@code table}'s rows, in input order. */
    public List<ChildActivityEncoding> childActivity(String table) {
        return childActivity.stream().filter(c -> c.summarises(table)).toList();
    }

    /** Width of {@code table}'s child summaries: 0 when it has none. */
    public int childActivityWidth(String table) {
        return childActivity(table).stream().mapToInt(ChildActivityEncoding::width).sum();
    }

    /** {@code table}'s child summaries bound to a loaded graph, or null when it has none. */
    public ChildActivityFeatures bindChildActivity(String table, HeteroGraph graph, Database db) {
        List<ChildActivityEncoding> mine = childActivity(table);
        return mine.isEmpty() ? null : new ChildActivityFeatures(mine, graph, db, this);
    }

    /** {@link TableEncoding#unknownCategories} of every table of {@code db}, in encoding order. */
    public List<UnknownCategories> unknownCategories(Database db) {
        return tables.stream().flatMap(t -> t.unknownCategories(db.table(t.table())).stream()).toList();
    }

    public TableEncoding table(String name) {
        return tables.stream().filter(t -> t.table().equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new SchemaException("the model has no encoding for table '" + name + "'",
                        "the model was trained on tables " + String.join(", ",
                                tables.stream().map(TableEncoding::table).toList())
                                + "; retrain it to use a new table"));
    }
}
