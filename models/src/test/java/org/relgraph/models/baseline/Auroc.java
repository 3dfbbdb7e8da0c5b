package org.relgraph.models.baseline;

import java.util.Arrays;
import java.util.Comparator;
import org.relgraph.query.TrainingTable;

/** AUROC for test assertions (Mann-Whitney, ties counted half), until org.relgraph.metrics exists. */
final class Auroc {
    private Auroc() {
    }

    static double of(TrainingTable table, double[] scores) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double rankSumPositives = 0;
        long positives = 0;
        int i = 0;
        while (i < order.length) {
            int j = i;
            while (j + 1 < order.length && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double midRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (table.label(order[k]) == 1) {
                    rankSumPositives += midRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = scores.length - positives;
        return (rankSumPositives - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
