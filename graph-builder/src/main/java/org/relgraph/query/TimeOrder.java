package org.relgraph.query;

import org.relgraph.table.LongColumn;
import org.relgraph.table.TimeSort;

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
            int[] order = TimeSort.order(timesOut);
            int[] rowsSorted = new int[n];
            long[] timesSorted = new long[n];
            for (int k = 0; k < n; k++) {
                rowsSorted[k] = rowsOut[order[k]];
                timesSorted[k] = timesOut[order[k]];
            }
            rowsOut = rowsSorted;
            timesOut = timesSorted;
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
}
