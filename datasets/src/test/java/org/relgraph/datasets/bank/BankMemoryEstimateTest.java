package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.graph.LoadedBytes;
import org.relgraph.schema.TableSchema;
import org.relgraph.source.FolderSource;
import org.relgraph.source.MemoryEstimate;
import org.relgraph.source.RowCounts;
import org.relgraph.table.Database;

/**
 * docs/MEMORY.md's model on the synthetic bank: the estimate made before loading, from the files alone, against
 * the bytes of the arrays the load and graph build then hold.
 */
class BankMemoryEstimateTest {
    @TempDir
    Path tmp;

    private static final int CUSTOMERS = 1_500;

    @Test
    void parquetEstimateIsWithinTwoPercentOfTheLoadedBank() throws IOException {
        Path folder = new BankGenerator(BankConfig.of(CUSTOMERS, 5).withFormat(OutputFormat.PARQUET))
                .generate(tmp.resolve("bank")).folder();
        FolderSource source = new FolderSource(folder, null);
        RowCounts counts = source.estimateRows();
        MemoryEstimate estimate = MemoryEstimate.of(source.schema(), counts);

        Database db = source.load().database();
        LoadedBytes measured = LoadedBytes.of(db, HeteroGraph.build(db));

        assertFalse(counts.anyEstimated(), "Parquet counts are exact");
        for (TableSchema t : source.schema().tables()) {
            assertEquals(db.table(t.name()).rowCount(), counts.rows(t.name()), t.name());
        }
        assertEquals(measured.linkBytes(), estimate.linkBytes());
        assertEquals(measured.graphBytes(), estimate.graphBytes());
        // the columns differ by what the estimate cannot know: the null masks it charges in full (1.6 % of a
        // transaction's 44.6 bytes), and the customers' names it takes as distinct 16-character strings
        double ratio = (double) estimate.retainedBytes() / measured.totalBytes();
        assertTrue(ratio >= 1.0 && ratio < 1.02, "estimated " + estimate.retainedBytes() + " bytes, measured "
                + measured.totalBytes() + " (columns " + estimate.columnBytes() + " vs " + measured.columnBytes()
                + ")");
    }

    @Test
    void gzippedCsvRowCountsAreWithinFivePercent() throws IOException {
        GenerationReport report = new BankGenerator(BankConfig.of(CUSTOMERS, 5).withGzip(true))
                .generate(tmp.resolve("csv"));
        RowCounts counts = new FolderSource(report.folder(), null).estimateRows();
        assertTrue(counts.anyEstimated());
        for (var e : report.rowCounts().entrySet()) {
            String table = e.getKey().name().toLowerCase(java.util.Locale.ROOT);
            assertEquals(e.getValue(), counts.rows(table), Math.max(1, e.getValue() * 0.05), table);
        }
    }
}
