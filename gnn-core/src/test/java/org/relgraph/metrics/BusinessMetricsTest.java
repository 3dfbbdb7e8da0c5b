package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.relgraph.metrics.BusinessMetrics.TargetingOutcome;
import org.relgraph.metrics.GainsCurve.Point;

class BusinessMetricsTest {
    // Ten customers in score order 10, 9, ..., 1; the 1st, 2nd and 5th convert: 3 positives, base rate 0.3.
    private static final double[] SCORES = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    private static final boolean[] LABELS = {false, false, false, false, false, true, false, false, true, true};

    @Test
    void gainsAndLiftByHand() {
        GainsCurve curve = GainsCurve.of(SCORES, LABELS);
        // Top 1 holds 1 of 3 positives; top 2 holds 2; top 3 still 2.
        assertEquals(1.0 / 3, curve.gain(0.1), 1e-15);
        assertEquals(2.0 / 3, curve.gain(0.2), 1e-15);
        assertEquals(2.0 / 3, curve.gain(0.3), 1e-15);
        // Lift = rate in the top k / base rate: (1/1)/0.3, (2/2)/0.3, (2/3)/0.3.
        assertEquals(1 / 0.3, curve.lift(0.1), 1e-12);
        assertEquals(1 / 0.3, curve.lift(0.2), 1e-12);
        assertEquals((2.0 / 3) / 0.3, curve.lift(0.3), 1e-12);
        // Half a contact into the 5th customer (a positive) captures half a conversion.
        assertEquals(2.5, curve.capturedPositives(4.5), 1e-15);
    }

    @Test
    void targetingTheTopThirtyPercentByHand() {
        TargetingOutcome t = BusinessMetrics.targeting(SCORES, LABELS, 0.3);
        assertEquals(3, t.contacts(), 1e-12);
        assertEquals(2, t.modelConversions(), 1e-12);
        assertEquals(0.9, t.randomConversions(), 1e-12); // 3 random contacts at base rate 0.3
        assertEquals(2.0 / 3, t.gain(), 1e-12);
        assertEquals(2.0 / 3, t.modelConversionRate(), 1e-12);
        assertEquals(0.3, t.randomConversionRate(), 1e-12);
        assertEquals((2.0 / 3) / 0.3, t.lift(), 1e-12);
        // The first contact alone is a sure conversion, so 0.9 conversions take 0.9 contacts: 2.1 of 3 saved.
        assertEquals(0.9, t.contactsForSameConversions(), 1e-12);
        assertEquals(2.1, t.offersSaved(), 1e-12);
        assertEquals(0.7, t.offersSavedFraction(), 1e-12);
    }

    @Test
    void aWorseThanRandomModelSavesNegativeOffers() {
        double[] reversed = new double[SCORES.length];
        for (int i = 0; i < reversed.length; i++) {
            reversed[i] = -SCORES[i];
        }
        TargetingOutcome t = BusinessMetrics.targeting(reversed, LABELS, 0.3);
        // Reversed order: the first five contacts convert nobody, the sixth does. 0.9 conversions need 5.9 contacts.
        assertEquals(0, t.modelConversions(), 1e-12);
        assertEquals(5.9, t.contactsForSameConversions(), 1e-12);
        assertEquals(3 - 5.9, t.offersSaved(), 1e-12);
    }

    @Test
    void liftAtOneHundredPercentIsOneAndTheCurveEndsAtOneOne() {
        Random random = new Random(3);
        double[] s = new double[1001];
        boolean[] y = new boolean[s.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = random.nextInt(50); // heavy ties
            y[i] = random.nextDouble() < s[i] / 100;
        }
        GainsCurve curve = GainsCurve.of(s, y);
        assertEquals(1.0, curve.lift(1.0), 1e-12);
        List<Point> vertices = curve.vertices();
        assertEquals(new Point(0, 0), vertices.get(0));
        assertEquals(new Point(1, 1), vertices.get(vertices.size() - 1));
        List<Point> sampled = curve.sampled(10);
        assertEquals(11, sampled.size());
        assertEquals(1.0, sampled.get(10).fractionCaptured(), 1e-12);
        for (int i = 1; i < sampled.size(); i++) {
            assertTrue(sampled.get(i).fractionCaptured() >= sampled.get(i - 1).fractionCaptured());
        }
    }

    @Test
    void constantScoresAreExactlyRandomTargeting() {
        double[] s = new double[7];
        boolean[] y = {true, false, false, true, false, false, false};
        for (double k : new double[] {0.1, 0.2, 0.3, 0.5, 1.0}) {
            TargetingOutcome t = BusinessMetrics.targeting(s, y, k);
            assertEquals(1.0, t.lift(), 1e-12);
            assertEquals(0.0, t.offersSaved(), 1e-12);
        }
    }

    @Test
    void reportNamesEachCampaignSize() {
        MetricReport r = BusinessMetrics.report(SCORES, LABELS);
        assertEquals(1 / 0.3, r.get("lift@10%"), 1e-12);
        assertEquals(2.0 / 3, r.get("gain@30%"), 1e-12);
        assertEquals(0.7, r.get("offers_saved@30%"), 1e-12);
        assertEquals(15, r.names().size());
    }

    @Test
    void withoutPositivesTheReportIsUndefinedRatherThanAnError() {
        MetricReport r = BusinessMetrics.report(SCORES, new boolean[SCORES.length]);
        assertEquals(15, r.names().size());
        assertTrue(Double.isNaN(r.get("lift@10%")));
        assertThrows(IllegalArgumentException.class, () -> GainsCurve.of(SCORES, new boolean[SCORES.length]));
    }
}
