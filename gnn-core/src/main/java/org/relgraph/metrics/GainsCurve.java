package org.relgraph.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The cumulative gains curve: contacting entities in descending order of score, the fraction of all positives
 * captured against the fraction of entities contacted. It runs from (0, 0) to (1, 1); random targeting is the
 * diagonal.
 *
 * <p>Entities with equal scores cannot be ordered by the model, so within a tie group the curve is a straight line:
 * contacting part of the group captures that part of its positives, the expected value under a random order of the
 * group. This makes every quantity here deterministic and independent of input order, and makes constant scores
 * exactly as good as random targeting. Contact counts are real numbers for the same reason: {@code 10 %} of 1005
 * entities is 100.5 contacts, and the curve is linear between whole contacts.
 */
public final class GainsCurve {
    /** A point of the curve. */
    public record Point(double fractionContacted, double fractionCaptured) {
    }

    private final RankedScores ranked;

    private GainsCurve(RankedScores ranked) {
        this.ranked = ranked;
    }

    /** @throws IllegalArgumentException when there are no entities or no positives (the curve is then undefined) */
    public static GainsCurve of(double[] scores, boolean[] labels) {
        RankedScores r = RankedScores.of(scores, labels);
        MetricInputs.requireNonEmpty(r.n, "scores");
        if (r.positives == 0) {
            throw new IllegalArgumentException("a gains curve needs at least one positive label");
        }
        return new GainsCurve(r);
    }

    public int entities() {
        return ranked.n;
    }

    public long positives() {
        return ranked.positives;
    }

    /** Expected positives among the first {@code contacts} entities (0 ≤ contacts ≤ {@link #entities()}). */
    public double capturedPositives(double contacts) {
        if (!(contacts >= 0 && contacts <= ranked.n)) {
            throw new IllegalArgumentException("contacts must lie in [0, " + ranked.n + "], got " + contacts);
        }
        int g = firstGroupEndingAtOrAfter(contacts);
        if (g < 0) {
            return 0;
        }
        long before = g == 0 ? 0 : ranked.positivesThrough[g - 1];
        double taken = contacts - ranked.groupStart(g);
        return before + taken / ranked.groupSize(g) * ranked.groupPositives(g);
    }

    /** Fraction of all positives captured by contacting the top {@code fraction} of entities. */
    public double gain(double fraction) {
        requireFraction(fraction);
        return capturedPositives(fraction * ranked.n) / ranked.positives;
    }

    /**
     * Lift at {@code fraction}: the positive rate among the top {@code fraction} divided by the overall positive
     * rate, which equals {@code gain(fraction) / fraction}. 1 at 100 % by construction; above 1 means the model
     * beats random targeting there.
     */
    public double lift(double fraction) {
        requireFraction(fraction);
        if (fraction == 0) {
            throw new IllegalArgumentException("lift is undefined at 0 % contacted");
        }
        return gain(fraction) / fraction;
    }

    /**
     * The fewest contacts (taken in score order) whose expected captured positives reach {@code targetPositives}:
     * the inverse of {@link #capturedPositives}. Where the curve is flat (a run of negatives) the start of the flat
     * part is returned.
     */
    public double contactsToCapture(double targetPositives) {
        if (!(targetPositives >= 0 && targetPositives <= ranked.positives)) {
            throw new IllegalArgumentException(
                    "target must lie in [0, " + ranked.positives + "] positives, got " + targetPositives);
        }
        if (targetPositives == 0) {
            return 0;
        }
        for (int g = 0; g < ranked.groups(); g++) {
            if (ranked.positivesThrough[g] >= targetPositives) {
                long before = g == 0 ? 0 : ranked.positivesThrough[g - 1];
                double share = (targetPositives - before) / ranked.groupPositives(g);
                return ranked.groupStart(g) + share * ranked.groupSize(g);
            }
        }
        return ranked.n; // unreachable: the last group holds every positive
    }

    /** Every corner of the curve: (0, 0), then the end of each tie group; the last point is (1, 1). */
    public List<Point> vertices() {
        List<Point> points = new ArrayList<>(ranked.groups() + 1);
        points.add(new Point(0, 0));
        for (int g = 0; g < ranked.groups(); g++) {
            points.add(new Point((double) ranked.groupEnd[g] / ranked.n,
                    (double) ranked.positivesThrough[g] / ranked.positives));
        }
        return points;
    }

    /**
     * The curve at {@code steps + 1} evenly spaced fractions 0, 1/steps, ..., 1: enough to plot without shipping a
     * point per entity.
     */
    public List<Point> sampled(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        List<Point> points = new ArrayList<>(steps + 1);
        for (int i = 0; i <= steps; i++) {
            double fraction = (double) i / steps;
            points.add(new Point(fraction, gain(fraction)));
        }
        return points;
    }

    private int firstGroupEndingAtOrAfter(double contacts) {
        if (contacts == 0) {
            return -1;
        }
        int lo = 0;
        int hi = ranked.groups() - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ranked.groupEnd[mid] >= contacts) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static void requireFraction(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must lie in [0, 1], got " + fraction);
        }
    }
}
