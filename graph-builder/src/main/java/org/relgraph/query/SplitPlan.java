package org.relgraph.query;

import java.time.Instant;
import java.util.List;

/**
 * Anchor times of a temporal split, each list oldest first. Guarantees, checked by {@link SplitPlanner}: every
 * train label window ends at or before the first val anchor and every val window ends at or before the first
 * test anchor, so no split's labels come from a later split's period.
 */
public record SplitPlan(List<Long> trainAnchors, List<Long> valAnchors, List<Long> testAnchors, TimeWindow window) {
    public SplitPlan {
        trainAnchors = List.copyOf(trainAnchors);
        valAnchors = List.copyOf(valAnchors);
        testAnchors = List.copyOf(testAnchors);
        if (valAnchors.isEmpty() || testAnchors.isEmpty()) {
            throw new IllegalArgumentException("a split plan needs at least one val and one test anchor");
        }
    }

    /** A plan with one val and one test anchor. */
    public SplitPlan(List<Long> trainAnchors, long valAnchor, long testAnchor, TimeWindow window) {
        this(trainAnchors, List.of(valAnchor), List.of(testAnchor), window);
    }

    /** The first val anchor: where training labels must have ended. */
    public long valAnchor() {
        return valAnchors.get(0);
    }

    /** The first test anchor: where validation labels must have ended. */
    public long testAnchor() {
        return testAnchors.get(0);
    }

    @Override
    public String toString() {
        return "train " + describe(trainAnchors) + ", val " + describe(valAnchors) + ", test " + describe(testAnchors)
                + ", window (" + window.render() + "]";
    }

    private static String describe(List<Long> anchors) {
        if (anchors.isEmpty()) {
            return "no anchors";
        }
        if (anchors.size() == 1) {
            return iso(anchors.get(0));
        }
        return anchors.size() + " anchors (" + iso(anchors.get(0)) + " .. " + iso(anchors.get(anchors.size() - 1))
                + ")";
    }

    static String iso(long t) {
        return Instant.ofEpochMilli(t).toString();
    }
}
