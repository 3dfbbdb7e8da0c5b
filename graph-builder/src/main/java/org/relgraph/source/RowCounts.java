package org.relgraph.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.relgraph.table.Database;

/**
 * How many rows each table of a source holds, as found before loading: exact where the source keeps the count
 * (Parquet metadata), estimated where it does not (a CSV file's size over the length of a sample of its lines,
 * PostgreSQL's planner statistics). {@link MemoryEstimate} turns them into bytes.
 */
public record RowCounts(List<TableRows> tables) {
    /** One table's rows; {@code exact} is false when the count is an estimate. */
    public record TableRows(String table, long rows, boolean exact) {
    }

    public RowCounts {
        tables = List.copyOf(tables);
    }

    /** The row counts of a loaded database: exact. */
    public static RowCounts of(Database db) {
        return new RowCounts(db.tables().stream().map(t -> new TableRows(t.name(), t.rowCount(), true)).toList());
    }

    /** The rows of {@code table} (any letter case); 0 for a table not counted. */
    public long rows(String table) {
        return byName().getOrDefault(table.toLowerCase(Locale.ROOT), 0L);
    }

    /** True when at least one table's count is an estimate. */
    public boolean anyEstimated() {
        return tables.stream().anyMatch(t -> !t.exact());
    }

    private Map<String, Long> byName() {
        Map<String, Long> rows = new LinkedHashMap<>();
        tables.forEach(t -> rows.put(t.table().toLowerCase(Locale.ROOT), t.rows()));
        return rows;
    }
}
