package org.relgraph.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.BitSet;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.LongColumn;
import org.relgraph.table.TimeSort;

/**
 * The time sort behind every label window: rows ordered by time, ties by row number, compared with a plain
 * comparator sort for narrow key ranges with many ties, decades in ms, negative times, and the whole long range.
 */
class TimeOrderTest {
    @Test
    void radixSortMatchesAStableComparatorSortWithManyTies() {
        assertSortsLikeAComparator(keys(20_000, 0, 50, 1));
    }

    @Test
    void radixSortMatchesAStableComparatorSortOverDecadesInMilliseconds() {
        assertSortsLikeAComparator(keys(20_000, TestTables.day("1970-01-01") - 40L * 365 * 86_400_000,
                80L * 365 * 86_400_000, 2));
    }

    @Test
    void keyRangeSpanningTheWholeLongDomainSortsCorrectly() {
        long[] keys = keys(5_000, -1_000, 2_000, 3);
        keys[17] = Long.MIN_VALUE;
        keys[4_000] = Long.MAX_VALUE;
        keys[4_001] = Long.MIN_VALUE;
        assertSortsLikeAComparator(keys);
    }

    @Test
    void nullTimesAreLeftOutAndWindowsFindTheirRange() {
        long[] times = {50, 10, 30, 10, 99, 30};
        BitSet nulls = new BitSet();
        nulls.set(4);
        TimeOrder order = new TimeOrder(new LongColumn("t", SemanticType.TIMESTAMP, times, nulls));
        assertEquals(5, order.size());
        int[] rows = IntStream.range(0, order.size()).map(order::row).toArray();
        assertArrayEquals(new int[] {1, 3, 2, 5, 0}, rows);
        // (10, 30] holds the two rows at 30; a row exactly at the lower bound is outside.
        assertEquals(2, order.firstAfter(10));
        assertEquals(4, order.firstAfter(30));
        assertEquals(5, order.firstAfter(50));
    }

    private static long[] keys(int n, long min, long span, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return random.longs(n, min, min + span).toArray();
    }

    private static void assertSortsLikeAComparator(long[] keys) {
        int[] expectedRows = IntStream.range(0, keys.length).boxed()
                .sorted(Comparator.<Integer>comparingLong(r -> keys[r]).thenComparingInt(r -> r))
                .mapToInt(Integer::intValue).toArray();
        assertArrayEquals(expectedRows, TimeSort.order(keys));
    }
}
