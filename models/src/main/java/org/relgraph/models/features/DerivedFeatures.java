package org.relgraph.models.features;

import java.util.List;

/**
 * Statistics a careful data scientist derives from the aggregates, beside the sums, means and counts per window
 * that {@link PathAggregates} always computes. Each is a single column per input a tree cannot build from the
 * others with one split: a share is a count divided by a count, a form is the mean of the latest rows whatever
 * the time gaps between them (an off-season empties every short window), a trend compares that form with the
 * long-run mean.
 *
 * @param lastRows       for each k, the mean of each number over the latest k rows of a dated child table, and
 *                       its difference from the all-history mean (the trend); empty for none
 * @param halfLifeDays   for each h, the mean of each number of a dated child table with row weights halving every
 *                       h days back from the cut (invariant to the gap between the last row and the cut); empty
 *                       for none
 * @param categoryShares whether each frequent categorical value of the entity's own rows (a child or grandchild, not
 *                       the dimension a child points at) also gets its share of them, over all
 *                       history and over the longest window (a DNF rate: non-finishes over races)
 */
public record DerivedFeatures(List<Integer> lastRows, List<Integer> halfLifeDays, boolean categoryShares) {
    public DerivedFeatures {
        // A bundle saved before these statistics existed has none of them: read it back as "none".
        lastRows = lastRows == null ? List.of() : List.copyOf(lastRows);
        halfLifeDays = halfLifeDays == null ? List.of() : List.copyOf(halfLifeDays);
        for (int k : lastRows) {
            if (k < 1) {
                throw new IllegalArgumentException("lastRows must be at least 1, not " + k);
            }
        }
        for (int h : halfLifeDays) {
            if (h < 1) {
                throw new IllegalArgumentException("halfLifeDays must be at least 1, not " + h);
            }
        }
    }

    public static DerivedFeatures none() {
        return new DerivedFeatures(List.of(), List.of(), false);
    }

    public boolean requestsNone() {
        return lastRows.isEmpty() && halfLifeDays.isEmpty() && !categoryShares;
    }
}
