package org.relgraph.datasets.bank;

import java.time.LocalDate;

/**
 * The Bayes-optimal ceiling for "opens a Mortgage within {@link MortgageOracle#HORIZON_MONTHS} months after the
 * anchor", among customers who exist and hold no mortgage at the anchor.
 *
 * @param expectedPositives sum of the true probabilities: how many positives the latent state predicts
 * @param expectedAuroc AUROC of the true probabilities with labels averaged out (the ceiling to quote)
 * @param realisedAuroc AUROC of the true probabilities against the labels this seed actually drew
 */
public record OracleResult(LocalDate anchor, int anchorMonth, long eligible, long positives,
                           double expectedPositives, double expectedAuroc, double realisedAuroc) {
    public double positiveRate() {
        return eligible == 0 ? Double.NaN : positives / (double) eligible;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "anchor %s: %d eligible, %d positives (%.2f%%; %.1f expected), Bayes-optimal AUROC %.4f expected,"
                        + " %.4f realised",
                anchor, eligible, positives, 100 * positiveRate(), expectedPositives, expectedAuroc, realisedAuroc);
    }
}
