package org.relgraph.metrics;

import java.util.Arrays;

/**
 * Scored binary labels sorted by descending score and cut into groups of equal score. Every threshold-based binary
 * metric (AUROC, average precision, gains, equal-count calibration bins) is a walk over these groups; building them
 * once keeps the tie rule identical everywhere: items with equal scores are indistinguishable to a threshold, so a
 * group is always taken or left whole (or, for gains, shared out pro rata).
 */
final class RankedScores {
    final int n;
    final long positives;
    /** The score shared by every item of group g. */
    final double[] groupScore;
    /** Number of items in groups 0..g (so group g holds positions [groupEnd[g-1], groupEnd[g]) ). */
    final int[] groupEnd;
    /** Number of positives in groups 0..g. */
    final long[] positivesThrough;

    private RankedScores(int n, long positives, double[] groupScore, int[] groupEnd, long[] positivesThrough) {
        this.n = n;
        this.positives = positives;
        this.groupScore = groupScore;
        this.groupEnd = groupEnd;
        this.positivesThrough = positivesThrough;
    }

    static RankedScores of(double[] scores, boolean[] labels) {
        MetricInputs.requireSameLength(scores.length, labels.length, "scores and labels");
        MetricInputs.requireFinite(scores, "scores");
        int n = scores.length;
        int[] order = descendingOrder(scores);
        double[] groupScore = new double[n];
        int[] groupEnd = new int[n];
        long[] positivesThrough = new long[n];
        int groups = 0;
        long positives = 0;
        for (int i = 0; i < n; i++) {
            int item = order[i];
            if (labels[item]) {
                positives++;
            }
            // == rather than Double.compare so that -0.0 and 0.0 (adjacent after sorting) form one group.
            boolean lastOfGroup = i == n - 1 || scores[order[i + 1]] != scores[item];
            if (lastOfGroup) {
                groupScore[groups] = scores[item];
                groupEnd[groups] = i + 1;
                positivesThrough[groups] = positives;
                groups++;
            }
        }
        return new RankedScores(n, positives, Arrays.copyOf(groupScore, groups),
                Arrays.copyOf(groupEnd, groups), Arrays.copyOf(positivesThrough, groups));
    }

    int groups() {
        return groupEnd.length;
    }

    long negatives() {
        return n - positives;
    }

    int groupStart(int g) {
        return g == 0 ? 0 : groupEnd[g - 1];
    }

    int groupSize(int g) {
        return groupEnd[g] - groupStart(g);
    }

    long groupPositives(int g) {
        return positivesThrough[g] - (g == 0 ? 0 : positivesThrough[g - 1]);
    }

    /**
     * Indices of {@code scores} by descending score, equal scores by ascending index. A merge sort on primitive
     * indices: stable, so the order is deterministic, and O(n log n) without boxing 10^6 Integers.
     */
    static int[] descendingOrder(double[] scores) {
        int n = scores.length;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    // Take from the left run unless the right item scores strictly higher: keeps the sort stable.
                    buffer[k++] = scores[order[b]] > scores[order[a]] ? order[b++] : order[a++];
                }
                while (a < mid) {
                    buffer[k++] = order[a++];
                }
                while (b < hi) {
                    buffer[k++] = order[b++];
                }
            }
            int[] swap = order;
            order = buffer;
            buffer = swap;
        }
        return order;
    }
}
