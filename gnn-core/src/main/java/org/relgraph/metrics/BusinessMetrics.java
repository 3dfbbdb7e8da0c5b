package org.relgraph.metrics;

/**
 * What a ranking is worth to a campaign: who to contact first, and how much better than contacting at random.
 * All quantities follow {@link GainsCurve}'s conventions: tied scores share their positives pro rata, and a
 * fraction of the population is a real number of contacts.
 */
public final class BusinessMetrics {
    /** The campaign sizes the reports show: the top 10, 20 and 30 % of entities. */
    public static final double[] REPORTED_FRACTIONS = {0.10, 0.20, 0.30};

    private BusinessMetrics() {
    }

    /**
     * Targeting the top {@code fraction} of N entities by score, against targeting as many at random. With P
     * positives and C(m) the expected positives among the top m by score ({@link GainsCurve#capturedPositives}):
     *
     * @param fraction              the share of entities targeted, k
     * @param contacts              m = k · N
     * @param modelConversions      C(m)
     * @param randomConversions     k · P, the expected conversions of m random contacts
     * @param gain                  C(m) / P, the share of all conversions the model's campaign captures
     * @param modelConversionRate   C(m) / m, the conversion rate when targeting the top k %
     * @param randomConversionRate  P / N, the conversion rate of random targeting (at any k)
     * @param lift                  modelConversionRate / randomConversionRate
     * @param contactsForSameConversions m*, the fewest top-scored contacts with C(m*) ≥ k · P: what the model needs
     *                              to match random targeting's conversions
     * @param offersSaved           m − m*, contacts (offers, calls, mailings) saved at equal conversions; negative
     *                              when the model is worse than random at this k
     * @param offersSavedFraction   (m − m*) / m, the same as a share of the random campaign
     */
    public record TargetingOutcome(double fraction, double contacts, double modelConversions,
            double randomConversions, double gain, double modelConversionRate, double randomConversionRate, double lift,
            double contactsForSameConversions, double offersSaved, double offersSavedFraction) {
    }

    public static GainsCurve gainsCurve(double[] scores, boolean[] labels) {
        return GainsCurve.of(scores, labels);
    }

    /** See {@link GainsCurve#lift}. */
    public static double lift(double[] scores, boolean[] labels, double fraction) {
        return GainsCurve.of(scores, labels).lift(fraction);
    }

    /** See {@link TargetingOutcome}; {@code fraction} must lie in (0, 1]. */
    public static TargetingOutcome targeting(double[] scores, boolean[] labels, double fraction) {
        return targeting(GainsCurve.of(scores, labels), fraction);
    }

    public static TargetingOutcome targeting(GainsCurve curve, double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must lie in (0, 1], got " + fraction);
        }
        double n = curve.entities();
        double p = curve.positives();
        double contacts = fraction * n;
        double modelConversions = curve.capturedPositives(contacts);
        double randomConversions = fraction * p;
        double modelRate = modelConversions / contacts;
        double randomRate = p / n;
        double needed = curve.contactsToCapture(randomConversions);
        double saved = contacts - needed;
        return new TargetingOutcome(fraction, contacts, modelConversions, randomConversions, modelConversions / p,
                modelRate, randomRate, modelRate / randomRate, needed, saved, saved / contacts);
    }

    /**
     * For each of {@link #REPORTED_FRACTIONS}: gain, lift, conversion rate of the model's top k % and of random
     * targeting, and the share of offers saved at equal conversions. Named like {@code lift@10%}. Without any
     * positive every value is NaN: an evaluation split may lack positives, and the rest of the report still counts.
     */
    public static MetricReport report(double[] scores, boolean[] labels) {
        boolean anyPositive = RankedScores.of(scores, labels).positives > 0;
        GainsCurve curve = anyPositive ? GainsCurve.of(scores, labels) : null;
        MetricReport.Builder b = MetricReport.builder();
        for (double k : REPORTED_FRACTIONS) {
            TargetingOutcome t = anyPositive ? targeting(curve, k) : undefined(k);
            String at = "@" + Math.round(k * 100) + "%";
            b.value("gain" + at, t.gain())
                    .value("lift" + at, t.lift())
                    .value("conversion_rate" + at, t.modelConversionRate())
                    .value("random_conversion_rate" + at, t.randomConversionRate())
                    .value("offers_saved" + at, t.offersSavedFraction());
        }
        return b.build();
    }

    private static TargetingOutcome undefined(double fraction) {
        double nan = Double.NaN;
        return new TargetingOutcome(fraction, nan, nan, nan, nan, nan, nan, nan, nan, nan, nan);
    }
}
