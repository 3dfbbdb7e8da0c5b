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
    /** Where a count comes from. */
    public enum Basis {
        /** Counted: a loaded table, or a Parquet file's metadata. */
        EXACT,
        /** A CSV file's size over the average length of a sample of its lines. */
        CSV_SAMPLE,
        /** A database's planner statistics. */
        DATABASE_STATISTICS
    }

    /** One table's rows, and how they were found. */
    public record TableRows(String table, long rows, Basis basis) {
        public boolean exact() {
            return basis == Basis.EXACT;
        }
    }

    public RowCounts {
        tables = List.copyOf(tables);
    }

    /** The row counts of a loaded database: exact. */
    public static RowCounts of(Database db) {
        return new RowCounts(db.tables().stream().map(t -> new TableRows(t.name(), t.rowCount(), Basis.EXACT))
                .toList());
    }

    /** The rows of {@code table} (any letter case); 0 for a table not counted. */
    public long rows(String table) {
        return byName().getOrDefault(table.toLowerCase(Locale.ROOT), 0L);
    }

    /** True when at least one table's count is an estimate. */
    public boolean anyEstimated() {
        return tables.stream().anyMatch(t -> !t.exact());
    }

    /** True when at least one table was counted by {@code basis}. */
    public boolean any(Basis basis) {
        return tables.stream().anyMatch(t -> t.basis() == basis);
    }

    private Map<String, Long> byName() {
        Map<String, Long> rows = new LinkedHashMap<>();
        tables.forEach(t -> rows.put(t.table().toLowerCase(Locale.ROOT), t.rows()));
        return rows;
    }
}
