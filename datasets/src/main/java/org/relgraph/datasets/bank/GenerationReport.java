package org.relgraph.datasets.bank;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** What a generation run produced: the published folder, rows per table and how long it took. */
public record GenerationReport(Path folder, Map<BankTable, Long> rowCounts, Duration elapsed) {
    public GenerationReport {
        rowCounts = Map.copyOf(rowCounts);
    }

    public long totalRows() {
        return rowCounts.values().stream().mapToLong(Long::longValue).sum();
    }
}
