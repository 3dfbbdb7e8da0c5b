package org.relgraph.query;

/**
 * The window {@code (anchor + start, anchor + end]} in {@code unit}s: rows at the anchor itself belong to the past
 * (features), rows at exactly {@code anchor + end} still count. A label window starts at or after the anchor;
 * a window in a filter condition may start before it.
 */
public record TimeWindow(long start, long end, WindowUnit unit) {
    /** ARGMAX without a window looks this far ahead. */
    public static final TimeWindow ARGMAX_DEFAULT = new TimeWindow(0, 30, WindowUnit.DAYS);

    /** Exclusive lower bound of the window for an anchor time. */
    public long startTime(long anchor) {
        return unit.plus(anchor, start);
    }

    /** Inclusive upper bound of the window for an anchor time. */
    public long endTime(long anchor) {
        return unit.plus(anchor, end);
    }

    public String render() {
        return start + ", " + end + ", " + unit.render();
    }
}
