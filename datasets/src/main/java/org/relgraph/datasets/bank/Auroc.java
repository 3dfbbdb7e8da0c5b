package org.relgraph.datasets.bank;

import java.util.Arrays;

/** Area under the ROC curve: the probability that a random positive scores above a random negative. */
public final class Auroc {
    private Auroc() {
    }

    /** Realised AUROC of {@code scores} against {@code labels}; tied scores count one half. NaN without both classes. */
    public static double of(double[] scores, boolean[] labels) {
        if (scores.length != labels.length) {
            throw new IllegalArgumentException("scores and labels differ in length");
        }
        Integer[] order = sortedIndices(scores);
        long positives = 0;
        long negatives = 0;
        double pairsWon = 0;
        // Walk groups of equal scores upwards; each positive beats every negative in lower groups.
        int i = 0;
        long negativesBelow = 0;
        while (i < order.length) {
            int j = i;
            long groupPos = 0;
            long groupNeg = 0;
            while (j < order.length && scores[order[j]] == scores[order[i]]) {
                if (labels[order[j]]) {
                    groupPos++;
                } else {
                    groupNeg++;
                }
                j++;
            }
            pairsWon += groupPos * (negativesBelow + 0.5 * groupNeg);
            negativesBelow += groupNeg;
            positives += groupPos;
            negatives += groupNeg;
            i = j;
        }
        return positives == 0 || negatives == 0 ? Double.NaN : pairsWon / ((double) positives * negatives);
    }

    /**
     * Expected AUROC of the scores {@code p} themselves when each label is an independent Bernoulli({@code p[i]}):
     * the ratio of expected pairs won to expected pairs, which is what an infinitely repeated draw of labels
     * would measure. Free of the label noise of {@link #of}, so it is the number to quote as the ceiling.
     */
    public static double expected(double[] p) {
        Integer[] order = sortedIndices(p);
        double sumPos = 0;
        double sumNeg = 0;
        double sumSelf = 0;
        for (double v : p) {
            sumPos += v;
            sumNeg += 1 - v;
            sumSelf += v * (1 - v);
        }
        double won = 0;
        double negativesBelow = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            double groupNeg = 0;
            while (j < order.length && p[order[j]] == p[order[i]]) {
                groupNeg += 1 - p[order[j]];
                j++;
            }
            for (int k = i; k < j; k++) {
                double pk = p[order[k]];
                // A customer is never paired with itself.
                won += pk * (negativesBelow + 0.5 * (groupNeg - (1 - pk)));
            }
            negativesBelow += groupNeg;
            i = j;
        }
        double pairs = sumPos * sumNeg - sumSelf;
        return pairs <= 0 ? Double.NaN : won / pairs;
    }

    private static Integer[] sortedIndices(double[] values) {
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        return order;
    }
}
