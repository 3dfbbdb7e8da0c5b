package org.relgraph.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TimeSortTest {

    private static int[] naiveOrder(long[] times) {
        return IntStream.range(0, times.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(i -> times[i]).thenComparingInt(i -> i))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void sortsStablyAcrossTheWholeLongRange() {
        Random rnd = new Random(7);
        for (int round = 0; round < 100; round++) {
            int n = rnd.nextInt(300);
            long[] times = new long[n];
            for (int i = 0; i < n; i++) {
                switch (rnd.nextInt(5)) {
                    case 0 -> times[i] = Long.MIN_VALUE;
                    case 1 -> times[i] = Long.MAX_VALUE;
                    case 2 -> times[i] = rnd.nextLong();
                    default -> times[i] = 1_700_000_000_000L + rnd.nextInt(1000);
                }
            }
            assertArrayEquals(naiveOrder(times), TimeSort.order(times), "round " + round);
        }
    }

    @Test
    void sortedInputKeepsRowOrder() {
        long[] times = {1, 1, 2, 5, 5, 9};
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, TimeSort.order(times));
    }

    @Test
    void narrowRangeSkipsConstantDigits() {
        long[] times = {1_700_000_000_005L, 1_700_000_000_001L, 1_700_000_000_003L, 1_700_000_000_001L};
        assertArrayEquals(new int[] {1, 3, 2, 0}, TimeSort.order(times));
    }
}
