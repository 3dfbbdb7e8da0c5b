package org.relgraph.query;

import java.time.Instant;
import java.util.List;

/**
 * Anchor times of a temporal split, oldest train anchor first. Guarantees, checked by {@link SplitPlanner}:
 * every train label window ends at or before the val anchor and the val window ends at or before the test
 * anchor, so no split's labels come from a later split's period.
 */
public record SplitPlan(List<Long> trainAnchors, long valAnchor, long testAnchor, TimeWindow window) {
    public SplitPlan {
        trainAnchors = List.copyOf(trainAnchors);
    }

    @Override
    public String toString() {
        return "train anchors " + trainAnchors.size() + (trainAnchors.isEmpty() ? "" : " (" + iso(trainAnchors.get(0))
                + " .. " + iso(trainAnchors.get(trainAnchors.size() - 1)) + ")") + ", val " + iso(valAnchor)
                + ", test " + iso(testAnchor) + ", window (" + window.render() + "]";
    }

    static String iso(long t) {
        return Instant.ofEpochMilli(t).toString();
    }
}
