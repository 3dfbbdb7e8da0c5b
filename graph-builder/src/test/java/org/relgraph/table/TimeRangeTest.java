package org.relgraph.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.relgraph.schema.SemanticType;

class TimeRangeTest {
    @Test
    void nullTimesAreIgnored() {
        BitSet nulls = new BitSet();
        nulls.set(1);
        TimeRange r = TimeRange.of(new LongColumn("t", SemanticType.TIMESTAMP, new long[] {50, -999, 10, 30}, nulls));
        assertEquals(new TimeRange(10, 50), r);
    }

    @Test
    void allNullIsEmptyAndSpanWithEmptyIsTheOtherRange() {
        BitSet nulls = new BitSet();
        nulls.set(0, 2);
        TimeRange none = TimeRange.of(new LongColumn("t", SemanticType.TIMESTAMP, new long[] {1, 2}, nulls));
        assertTrue(none.isEmpty());
        assertEquals(new TimeRange(3, 9), none.span(new TimeRange(3, 9)));
        assertEquals("(no times)", TimeRange.EMPTY.toString());
    }
}
