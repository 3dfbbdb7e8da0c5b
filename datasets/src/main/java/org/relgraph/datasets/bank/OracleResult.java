package org.relgraph.datasets.bank;

import java.time.LocalDate;

/**
 * The Bayes-optimal ceiling for "opens a Mortgage within {@link MortgageOracle#HORIZON_MONTHS} months after the
 * anchor", among customers who exist and hold no mortgage at the anchor.
 *
 * @param expectedAuroc AUROC of the true probabilities with labels averaged out (the ceiling to quote)
 * @param realisedAuroc AUROC of the true probabilities against the labels this seed actually drew
 */
public record OracleResult(LocalDate anchor, int anchorMonth, long eligible, long positives, double expectedAuroc,
                           double realisedAuroc) {
    public double positiveRate() {
        return eligible == 0 ? Double.NaN : positives / (double) eligible;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "anchor %s: %d eligible, %d positives (%.2f%%), Bayes-optimal AUROC %.4f expected, %.4f realised",
                anchor, eligible, positives, 100 * positiveRate(), expectedAuroc, realisedAuroc);
    }
}
