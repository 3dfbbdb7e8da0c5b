package org.relgraph.query;

import org.relgraph.table.LongColumn;

/**
 * The rows of a table with a time, sorted by time (ties by row number), so the rows of a label window
 * {@code (lo, hi]} are one contiguous range found by binary search instead of a scan of the whole table.
 * Rows with a null time are left out: they cannot be placed in any window.
 */
final class TimeOrder {
    private final int[] rows;
    private final long[] times;

    TimeOrder(LongColumn time) {
        int n = 0;
        for (int r = 0; r < time.size(); r++) {
            if (!time.isNull(r)) {
                n++;
            }
        }
        int[] rowsOut = new int[n];
        long[] timesOut = new long[n];
        boolean sorted = true;
        int i = 0;
        for (int r = 0; r < time.size(); r++) {
            if (!time.isNull(r)) {
                rowsOut[i] = r;
                timesOut[i] = time.get(r);
                sorted &= i == 0 || timesOut[i - 1] <= timesOut[i];
                i++;
            }
        }
        if (!sorted) {
            mergeSort(timesOut, rowsOut);
        }
        this.rows = rowsOut;
        this.times = timesOut;
    }

    /** Row at sorted position {@code i}. */
    int row(int i) {
        return rows[i];
    }

    long time(int i) {
        return times[i];
    }

    int size() {
        return rows.length;
    }

    /** The first sorted position whose time is greater than {@code t}. */
    int firstAfter(long t) {
        int lo = 0;
        int hi = times.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    long minTime() {
        return times.length == 0 ? Long.MAX_VALUE : times[0];
    }

    long maxTime() {
        return times.length == 0 ? Long.MIN_VALUE : times[times.length - 1];
    }

    /** Stable bottom-up merge sort of parallel arrays by key; no boxing, so it sorts 5M rows in well under a second. */
    private static void mergeSort(long[] keys, int[] values) {
        int n = keys.length;
        long[] k2 = new long[n];
        int[] v2 = new int[n];
        long[] ka = keys;
        int[] va = values;
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int o = lo;
                while (i < mid && j < hi) {
                    if (ka[j] < ka[i]) {
                        k2[o] = ka[j];
                        v2[o++] = va[j++];
                    } else {
                        k2[o] = ka[i];
                        v2[o++] = va[i++];
                    }
                }
                while (i < mid) {
                    k2[o] = ka[i];
                    v2[o++] = va[i++];
                }
                while (j < hi) {
                    k2[o] = ka[j];
                    v2[o++] = va[j++];
                }
            }
            long[] kt = ka;
            ka = k2;
            k2 = kt;
            int[] vt = va;
            va = v2;
            v2 = vt;
        }
        if (ka != keys) {
            System.arraycopy(ka, 0, keys, 0, n);
            System.arraycopy(va, 0, values, 0, n);
        }
    }
}
