package org.relgraph.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A one-line terminal progress bar with rate and ETA, redrawn at most 5 times a second. On a non-terminal
 * (CI logs) it prints a line every 10 % instead of carriage-return redraws.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;
    private final String label;
    private final String unit;
    private final PrintWriter out;
    private final boolean interactive;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos;
    private int lastDecile = -1;
    private long total;
    private long done;
    private String suffix = "";

    public ProgressBar(String label, long total, String unit) {
        this(label, total, unit, System.err, System.console() != null);
    }

    /** A bar drawn on {@code err}, e.g. a command's error stream, which is stderr unless a caller redirected it. */
    ProgressBar(String label, long total, String unit, PrintWriter err) {
        this(label, total, unit, err, System.console() != null);
    }

    ProgressBar(String label, long total, String unit, PrintStream out, boolean interactive) {
        this(label, total, unit, new PrintWriter(out, true), interactive);
    }

    private ProgressBar(String label, long total, String unit, PrintWriter out, boolean interactive) {
        this.label = label;
        this.total = total;
        this.unit = unit;
        this.out = out;
        this.interactive = interactive;
    }

    /** Extra live figures shown after the bar, e.g. the current loss. */
    public synchronized void setSuffix(String suffix) {
        this.suffix = suffix == null ? "" : "  " + suffix;
    }

    public synchronized void update(long done, long total) {
        this.done = done;
        this.total = total;
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDrawNanos > 200_000_000L || done >= total) {
                lastDrawNanos = now;
                out.print("\r" + line(now));
                out.flush();
            }
        } else {
            int decile = total <= 0 ? 0 : (int) Math.min(10, done * 10 / total);
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(now));
                out.flush();
            }
        }
    }

    String line(long now) {
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        double frac = total <= 0 ? 0 : Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(frac * WIDTH);
        double rate = done / seconds;
        String eta = rate > 0 && done < total ? formatSeconds((total - done) / rate) : "-";
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %,d/%,d %s  %,.0f %s/s  elapsed %s  eta %s",
                label, "#".repeat(filled), ".".repeat(WIDTH - filled), frac * 100, done, total, unit, rate, unit,
                formatSeconds(seconds), eta) + suffix;
    }

    static String formatSeconds(double s) {
        long sec = Math.round(s);
        return sec >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", sec / 3600, sec % 3600 / 60)
                : String.format(Locale.ROOT, "%dm%02ds", sec / 60, sec % 60);
    }

    @Override
    public synchronized void close() {
        if (interactive) {
            out.print("\r" + line(System.nanoTime()));
            out.println();
        } else if (lastDecile != 10) {
            out.println(line(System.nanoTime()));
        }
        out.flush();
    }
}
