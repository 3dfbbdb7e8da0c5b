package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.source.DataSources;
import org.relgraph.source.LoadOptions;
import org.relgraph.source.MemoryEstimate;
import org.relgraph.source.RowCounts;

/** inspect says, before it loads, what the data will take in memory, and warns when the heap is too small. */
class MemoryNoticeTest {
    private static final Pattern ESTIMATE = Pattern.compile(
            "Estimated in memory: [0-9.]+ [KMG]B for (~?)([0-9,.kM]+) rows and ([0-9,.kM]+) foreign keys, "
                    + "[0-9.]+ [KMG]B at peak while linking and building the graph "
                    + "\\(Java heap limit [0-9.]+ [KMG]B\\)(.*)");

    @Test
    void inspectPrintsTheEstimateBeforeTheTablesWithParquetsExactRowCount(@TempDir Path tmp) {
        Path out = tmp.resolve("bank");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "200",
                "--format", "parquet", "--out", out.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
        RelgraphCommandTest.Run r = new RelgraphCommandTest.Run("inspect", "--data", out.toString());
        assertEquals(0, r.code, r.err);
        Matcher m = ESTIMATE.matcher(r.out);
        assertTrue(m.find(), r.out);
        assertTrue(m.start() < r.out.indexOf("Tables"), "the estimate comes before the load's report: " + r.out);
        assertEquals("", m.group(1), "Parquet row counts are exact");
        Matcher graph = Pattern.compile("Graph: ([0-9,]+) nodes .*, ([0-9,]+) directed edges").matcher(r.out);
        assertTrue(graph.find(), r.out);
        long rows = Long.parseLong(graph.group(1).replace(",", ""));
        long keys = Long.parseLong(graph.group(2).replace(",", "")) / 2;
        assertEquals(MemoryNotice.count(rows), m.group(2));
        assertEquals(MemoryNotice.count(keys), m.group(3));
        assertFalse(r.err.contains("warning:"), "a small bank fits: " + r.err);
    }

    @Test
    void csvRowCountsAreMarkedAsEstimatesAndLeftOutTablesAreNotCounted() {
        RelgraphCommandTest.Run all = new RelgraphCommandTest.Run("inspect", "--data",
                InspectAndGenerateTest.SAMPLE.toString());
        Matcher m = ESTIMATE.matcher(all.out);
        assertTrue(m.find(), all.out);
        assertEquals("~", m.group(1));
        assertEquals("277", m.group(2));
        assertEquals("; row counts from samples of the CSV files", m.group(4));
        RelgraphCommandTest.Run without = new RelgraphCommandTest.Run("inspect", "--data",
                InspectAndGenerateTest.SAMPLE.toString(), "--exclude-tables", "transactions");
        Matcher w = ESTIMATE.matcher(without.out);
        assertTrue(w.find(), without.out);
        assertEquals(String.valueOf(277 - 166), w.group(2));
    }

    @Test
    void aHeapSmallerThanTheLoadsPeakGetsAWarningWithWaysOut() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        MemoryNotice.print(DataSources.open(InspectAndGenerateTest.SAMPLE.toString()), LoadOptions.defaults(), 1024,
                new PrintWriter(out), new PrintWriter(err));
        assertTrue(out.toString().contains("(Java heap limit 1.0 KB)"), out.toString());
        List<String> lines = err.toString().lines().toList();
        assertEquals(2, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("warning: loading this data needs about ") && lines.get(0).contains(
                "more than the limit of 1.0 KB"), lines.get(0));
        assertTrue(lines.get(1).startsWith("hint: ") && lines.get(1).contains("JAVA_OPTS='-Xmx1g ")
                && lines.get(1).contains("--exclude-tables"), lines.get(1));
        assertTrue(lines.get(1).contains("load from Parquet or PostgreSQL rather than CSV"), "the sample is CSV");
    }

    @Test
    void theSuggestedHeapHasAQuarterOnTopOfThePeak() {
        long gib = 1L << 30;
        MemoryEstimate e = new MemoryEstimate(10 * gib, gib, 3 * gib, 16 * gib, 190_000_000L, 190_000_000L);
        RowCounts parquet = new RowCounts(List.of(new RowCounts.TableRows("t", 190_000_000L, RowCounts.Basis.EXACT)));
        List<String> lines = MemoryNotice.warning(e, parquet, 4 * gib, 32 * gib);
        assertTrue(lines.get(0).contains("about 16.0 GB of Java heap at its peak, more than the limit of 4.0 GB"),
                lines.get(0));
        assertEquals("hint: give Java more of this machine's 32.0 GB of RAM (JAVA_OPTS='-Xmx20g "
                + "-Dorg.bytedeco.javacpp.maxbytes=2g -Dorg.bytedeco.javacpp.maxphysicalbytes=28g') or leave large "
                + "tables out with --exclude-tables; docs/MEMORY.md says what each table costs", lines.get(1),
                "Parquet is not pointed to Parquet");
        assertEquals("hint: about 20 GB of heap is needed, more than this machine's 24.0 GB of RAM can give; leave "
                + "large tables out with --exclude-tables; docs/MEMORY.md says what each table costs",
                MemoryNotice.warning(e, parquet, 4 * gib, 24 * gib).get(1));
        assertTrue(MemoryNotice.warning(e, parquet, 16 * gib, 32 * gib).isEmpty(),
                "a heap as large as the peak is enough");
        assertEquals("Estimated in memory: 14.0 GB for 190.0M rows and 190.0M foreign keys, 16.0 GB at peak while "
                + "linking and building the graph (Java heap limit 4.0 GB)", MemoryNotice.estimateLine(e, parquet,
                4 * gib));
        RowCounts postgres = new RowCounts(List.of(new RowCounts.TableRows("t", 190_000_000L,
                RowCounts.Basis.DATABASE_STATISTICS)));
        assertTrue(MemoryNotice.estimateLine(e, postgres, 4 * gib).endsWith(
                "for ~190.0M rows and 190.0M foreign keys, 16.0 GB at peak while linking and building the graph (Java "
                        + "heap limit 4.0 GB); row counts from the database's statistics"));
    }
}
