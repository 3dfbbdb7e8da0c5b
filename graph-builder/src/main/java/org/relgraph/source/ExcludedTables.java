package org.relgraph.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relgraph.query.DidYouMean;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

/**
 * Tables a user leaves out of the data ({@code --exclude-tables}, or the list a model bundle recorded): they are not
 * read, and the foreign keys into them are dropped, so the graph has neither their rows nor their edges. The usual
 * reason is a table without time that leaks the label (a standing order set up for the loan being predicted).
 */
public record ExcludedTables(List<String> names) {
    public static final ExcludedTables NONE = new ExcludedTables(List.of());

    public ExcludedTables {
        names = names == null ? List.of() : names.stream().map(String::strip).filter(n -> !n.isEmpty()).distinct()
                .toList();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** Same tables, whatever the order or letter case. */
    public boolean sameAs(ExcludedTables other) {
        return normalized().equals(other.normalized());
    }

    private List<String> normalized() {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT)).sorted().toList();
    }

    /**
     * The schema to load: {@code schema} without these tables.
     *
     * @throws SchemaException for a name that is no table of the schema (with the closest one), or a table another
     *         table takes its time from ({@code time_from})
     */
    public Schema applyTo(Schema schema) {
        if (names.isEmpty()) {
            return schema;
        }
        List<String> canonical = new ArrayList<>();
        for (String name : names) {
            TableSchema t = schema.table(name).orElseThrow(() -> new SchemaException(
                    "cannot leave out table '" + name + "': the data has no table of that name",
                    "tables are: " + String.join(", ", schema.tableNames())
                            + DidYouMean.suffix(name, schema.tableNames())));
            canonical.add(t.name());
        }
        for (TableSchema t : schema.tables()) {
            if (canonical.stream().anyMatch(t.name()::equalsIgnoreCase)) {
                continue;
            }
            t.timeFromKey().filter(fk -> canonical.stream().anyMatch(fk.referencedTable()::equalsIgnoreCase))
                    .ifPresent(fk -> {
                        throw new SchemaException("cannot leave out table '" + fk.referencedTable() + "': table '"
                                + t.name() + "' takes its time from it (time_from: " + fk.column() + ")",
                                "leave out " + t.name() + " too, or keep " + fk.referencedTable());
                    });
        }
        return schema.without(canonical);
    }

    /** A loaded database without these tables and the foreign keys into them (checked as {@link #applyTo(Schema)}). */
    public Database applyTo(Database db) {
        if (names.isEmpty()) {
            return db;
        }
        Schema kept = applyTo(db.schema());
        return new Database(kept, kept.tables().stream()
                .map(t -> new Table(t, db.table(t.name()).columns())).toList());
    }
}
