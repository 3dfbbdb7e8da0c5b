package org.relgraph.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.relgraph.io.ByteSizes;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.source.DataSource;
import org.relgraph.source.LoadOptions;
import org.relgraph.source.MemoryEstimate;
import org.relgraph.source.MemoryPlan;
import org.relgraph.source.RowCounts;

/**
 * Tells the user, before a long load, how much Java heap the data will take ({@link MemoryEstimate}, docs/MEMORY.md)
 * and warns when that is more than the heap may grow to, so a load that cannot fit is not discovered after minutes.
 * Sizes are in binary units, as {@code -Xmx4g} is.
 */
final class MemoryNotice {
    private static final double GIB = 1L << 30;

    private MemoryNotice() {
    }

    /**
     * Prints the estimate on {@code out} and any warning on {@code err}. Nothing is printed when the source cannot be
     * counted: the load that follows meets the same problem and reports it properly.
     */
    static void print(DataSource source, LoadOptions options, long heapLimit, PrintWriter out, PrintWriter err) {
        Schema toLoad;
        RowCounts counts;
        try {
            toLoad = options.tablesToLoad(source.schema());
            counts = source.estimateRows();
        } catch (SchemaException e) {
            return;
        }
        MemoryEstimate estimate = MemoryEstimate.of(toLoad, counts);
        out.println(estimateLine(estimate, counts, heapLimit));
        out.flush();
        warning(estimate, counts, heapLimit, MemoryPlan.current().machineBytes()).forEach(err::println);
        err.flush();
    }

    /**
     * e.g. {@code Estimated in memory: 13.9 GB for 194.3M rows and 196.0M foreign keys, 14.6 GB at peak while linking
     * and building the graph (Java heap limit 4.0 GB)}.
     */
    static String estimateLine(MemoryEstimate e, RowCounts counts, long heapLimit) {
        List<String> bases = new ArrayList<>();
        if (counts.any(RowCounts.Basis.CSV_SAMPLE)) {
            bases.add("samples of the CSV files");
        }
        if (counts.any(RowCounts.Basis.DATABASE_STATISTICS)) {
            bases.add("the database's statistics");
        }
        return String.format(Locale.ROOT, "Estimated in memory: %s for %s%s rows and %s foreign keys, %s at peak while "
                        + "linking and building the graph%s%s", ByteSizes.format(e.retainedBytes()),
                counts.anyEstimated() ? "~" : "", count(e.rows()), count(e.foreignKeys()),
                ByteSizes.format(e.peakBytes()),
                heapLimit == Long.MAX_VALUE ? "" : " (Java heap limit " + ByteSizes.format(heapLimit) + ")",
                bases.isEmpty() ? "" : "; row counts from " + String.join(" and ", bases));
    }

    /**
     * The warning and its hint when the load's peak exceeds {@code heapLimit}; empty when it fits. CSV files are
     * pointed to Parquet or PostgreSQL: DuckDB reads a CSV as text first, with much more memory beside the heap.
     */
    static List<String> warning(MemoryEstimate e, RowCounts counts, long heapLimit, long machineBytes) {
        List<String> lines = new ArrayList<>();
        if (e.peakBytes() <= heapLimit) {
            return lines;
        }
        // a quarter on top for what the estimate leaves out: the load's own buffers, encodings, a training batch
        long suggestedGib = (long) Math.ceil(e.peakBytes() * 1.25 / GIB);
        lines.add(String.format(Locale.ROOT, "warning: loading this data needs about %s of Java heap at its peak, "
                + "more than the limit of %s: it will likely run out of memory", ByteSizes.format(e.peakBytes()),
                ByteSizes.format(heapLimit)));
        boolean csv = counts.any(RowCounts.Basis.CSV_SAMPLE);
        String alternatives = (csv ? ", " : " or ") + "leave large tables out with --exclude-tables"
                + (csv ? ", or load from Parquet or PostgreSQL rather than CSV" : "")
                + "; docs/MEMORY.md says what each table costs";
        // JAVA_OPTS replace the launcher's machine-sized defaults, so the hint gives all three limits it sets
        if (suggestedGib * GIB <= machineBytes * 0.8) {
            lines.add(String.format(Locale.ROOT, "hint: give Java more of this machine's %s of RAM (JAVA_OPTS='-Xmx%dg "
                    + "-Dorg.bytedeco.javacpp.maxbytes=2g -Dorg.bytedeco.javacpp.maxphysicalbytes=%dg')%s",
                    ByteSizes.format(machineBytes), suggestedGib, (long) (machineBytes * 0.9 / GIB), alternatives));
        } else {
            lines.add(String.format(Locale.ROOT, "hint: about %d GB of heap is needed, more than this machine's %s of "
                    + "RAM can give;%s", suggestedGib, ByteSizes.format(machineBytes),
                    alternatives.substring(csv ? 1 : 3)));
        }
        return lines;
    }


    static String count(long n) {
        if (n >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.1fB", n / 1e9);
        }
        if (n >= 1_000_000) {
            return String.format(Locale.ROOT, "%.1fM", n / 1e6);
        }
        if (n >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", n / 1e3);
        }
        return String.format(Locale.ROOT, "%,d", n);
    }
}
