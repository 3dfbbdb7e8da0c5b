package org.relgraph.table;

import java.time.Instant;

/**
 * The earliest and latest non-null time of a column or of a whole database (over every table's time column).
 * Empty when there is no timed row: {@code min > max}.
 */
public record TimeRange(long min, long max) {
    public static final TimeRange EMPTY = new TimeRange(Long.MAX_VALUE, Long.MIN_VALUE);

    public static TimeRange of(LongColumn times) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int r = 0; r < times.size(); r++) {
            if (!times.isNull(r)) {
                min = Math.min(min, times.get(r));
                max = Math.max(max, times.get(r));
            }
        }
        return new TimeRange(min, max);
    }

    public static TimeRange of(Database db) {
        TimeRange all = EMPTY;
        for (Table t : db.tables()) {
            if (t.timeColumn().isPresent()) {
                all = all.span(of(t.timeColumn().get()));
            }
        }
        return all;
    }

    public boolean isEmpty() {
        return min > max;
    }

    /** The smallest range covering both. */
    public TimeRange span(TimeRange other) {
        return new TimeRange(Math.min(min, other.min), Math.max(max, other.max));
    }

    @Override
    public String toString() {
        return isEmpty() ? "(no times)" : Instant.ofEpochMilli(min) + " .. " + Instant.ofEpochMilli(max);
    }
}
