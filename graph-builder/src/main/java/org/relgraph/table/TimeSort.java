package org.relgraph.table;

/**
 * Stable ascending order of rows by time, shared by graph building (scattering rows into CSR segments in this
 * order leaves every segment sorted by (time, row)) and label building (window rows become one contiguous range).
 */
public final class TimeSort {
    private static final int DIGIT_BITS = 11;
    private static final int BUCKETS = 1 << DIGIT_BITS;

    private TimeSort() {
    }

    /**
     * Row numbers sorted by {@code times[row]} ascending, ties by row. An LSD radix sort on primitives:
     * O(n) per 11 bits of the time range, no boxing, and already-sorted input (common: event logs are
     * appended in time order) returns after one scan.
     */
    public static int[] order(long[] times) {
        int n = times.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (isSorted(times)) {
            return order;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long t : times) {
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        // Offsets from the minimum fit in 64 unsigned bits even when the range spans the whole long domain.
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = times[i] - min;
        }
        int bits = 64 - Long.numberOfLeadingZeros(max - min);
        long[] keysTmp = new long[n];
        int[] orderTmp = new int[n];
        int[] counts = new int[BUCKETS + 1];
        for (int shift = 0; shift < bits; shift += DIGIT_BITS) {
            java.util.Arrays.fill(counts, 0);
            for (int i = 0; i < n; i++) {
                counts[(int) ((keys[i] >>> shift) & (BUCKETS - 1)) + 1]++;
            }
            if (isSingleBucket(counts, n)) {
                continue;
            }
            for (int b = 0; b < BUCKETS; b++) {
                counts[b + 1] += counts[b];
            }
            for (int i = 0; i < n; i++) {
                long k = keys[i];
                int pos = counts[(int) ((k >>> shift) & (BUCKETS - 1))]++;
                keysTmp[pos] = k;
                orderTmp[pos] = order[i];
            }
            long[] swapKeys = keys;
            keys = keysTmp;
            keysTmp = swapKeys;
            int[] swapOrder = order;
            order = orderTmp;
            orderTmp = swapOrder;
        }
        return order;
    }

    private static boolean isSorted(long[] times) {
        for (int i = 1; i < times.length; i++) {
            if (times[i] < times[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSingleBucket(int[] counts, int n) {
        for (int b = 1; b <= BUCKETS; b++) {
            if (counts[b] != 0) {
                return counts[b] == n;
            }
        }
        return true;
    }
}
