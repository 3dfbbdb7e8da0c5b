package org.relgraph.io;

import java.util.Locale;

/**
 * Byte counts as people read them, one way everywhere (memory notices, the memory plan, Spark's stage metrics):
 * binary units (1 KB = 1024 B), one decimal, e.g. {@code 512 B}, {@code 1.5 KB}, {@code 14.1 GB}.
 */
public final class ByteSizes {
    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private ByteSizes() {
    }

    /** {@code n} bytes, e.g. {@code 3.0 GB}; below 1 KB the exact count, e.g. {@code 268 B}. */
    public static String format(long n) {
        if (n < 1024) {
            return n + " B";
        }
        double v = n;
        int u = -1;
        while (v >= 1024 && u < UNITS.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, UNITS[u]);
    }
}
