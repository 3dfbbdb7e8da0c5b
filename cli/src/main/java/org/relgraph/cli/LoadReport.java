package org.relgraph.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.relgraph.source.LoadListener;
import org.relgraph.source.MemoryPlan;

/** Tells the user, a line per table, what loading the data is doing and what it took. */
final class LoadReport implements LoadListener {
    private final PrintWriter out;
    private long startNanos;
    private long readNanos;
    private long rows;
    private int tables;

    LoadReport(PrintWriter out) {
        this.out = out;
    }

    void start(String source) {
        startNanos = System.nanoTime();
        out.printf(Locale.ROOT, "Loading %s%n", source);
        out.printf(Locale.ROOT, "  %s%n", MemoryPlan.current().describe());
        out.flush();
    }

    @Override
    public void read(String table, int tableRows, long nanos) {
        readNanos += nanos;
        rows += tableRows;
        tables++;
        out.printf(Locale.ROOT, "  %-24s %,12d rows  %6.1f s%n", table, tableRows, nanos / 1e9);
        out.flush();
    }

    /** After the load: the totals, and the time spent checking keys and links after the reads. */
    void done() {
        long total = System.nanoTime() - startNanos;
        out.printf(Locale.ROOT, "Loaded %,d rows of %d tables in %.1f s (keys and links checked in %.1f s); "
                + "peak %s so far%n", rows, tables, total / 1e9, Math.max(0, total - readNanos) / 1e9,
                PeakMemory.describe());
        out.flush();
    }
}
