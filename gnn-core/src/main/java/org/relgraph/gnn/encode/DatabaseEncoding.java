package org.relgraph.gnn.encode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/** The fitted encodings of every table of a database: what the model bundle stores (see {@link EncodingJson}). */
public record DatabaseEncoding(List<TableEncoding> tables) {
    public DatabaseEncoding {
        tables = List.copyOf(tables);
        Map<String, TableEncoding> seen = new LinkedHashMap<>();
        for (TableEncoding t : tables) {
            if (seen.put(t.table().toLowerCase(Locale.ROOT), t) != null) {
                throw new IllegalArgumentException("two encodings for table '" + t.table() + "'");
            }
        }
    }

    /** Fits every table on its rows known by {@code cutoffTimeMs}; see {@link TableEncoding#fit(Table, long, EncodingConfig)}. */
    public static DatabaseEncoding fit(Database database, long cutoffTimeMs, EncodingConfig config) {
        return new DatabaseEncoding(database.tables().stream()
                .map(t -> TableEncoding.fit(t, cutoffTimeMs, config)).toList());
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
