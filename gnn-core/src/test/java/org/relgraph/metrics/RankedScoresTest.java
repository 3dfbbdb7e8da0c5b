package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankedScoresTest {
    @Test
    void descendingOrderMatchesAStableLibrarySort() {
        Random random = new Random(11);
        for (int n : new int[] {0, 1, 2, 3, 7, 64, 1000, 1023}) {
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                s[i] = random.nextInt(20) - 10;
            }
            // Arrays.sort on objects is a stable merge sort: equal scores keep ascending index order.
            Integer[] expected = new Integer[n];
            Arrays.setAll(expected, i -> i);
            Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> s[i]).reversed());
            assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(),
                    RankedScores.descendingOrder(s), "n = " + n);
        }
    }
}
