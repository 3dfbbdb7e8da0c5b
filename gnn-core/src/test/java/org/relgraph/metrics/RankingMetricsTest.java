package org.relgraph.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.metrics.RankingMetrics.RankingScores;

class RankingMetricsTest {
    private static final int[] RANKED = {10, 20, 30, 40, 50};
    private static final int[] RELEVANT = {60, 50, 20}; // 60 is never recommended

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void atFiveByHand() {
        // Relevance by position: 0 1 0 0 1.
        // AP@5 = (precision@2 + precision@5) / min(5, 3) = (1/2 + 2/5) / 3 = 0.3.
        assertEquals(0.3, RankingMetrics.averagePrecisionAt(RANKED, RELEVANT, 5), 1e-15);
        // DCG = 1/log2(3) + 1/log2(6); ideal: three hits first, 1/log2(2) + 1/log2(3) + 1/log2(4) = 1 + 0.6309 + 0.5.
        double dcg = 1 / log2(3) + 1 / log2(6);
        double ideal = 1 + 1 / log2(3) + 0.5;
        assertEquals(dcg / ideal, RankingMetrics.ndcgAt(RANKED, RELEVANT, 5), 1e-15);
        assertEquals(0.4776, RankingMetrics.ndcgAt(RANKED, RELEVANT, 5), 1e-4);
        assertEquals(1.0, RankingMetrics.hitAt(RANKED, RELEVANT, 5));
        assertEquals(2.0 / 5, RankingMetrics.precisionAt(RANKED, RELEVANT, 5), 1e-15);
        assertEquals(2.0 / 3, RankingMetrics.recallAt(RANKED, RELEVANT, 5), 1e-15);
    }

    @Test
    void atTwoByHand() {
        // Relevance 0 1. AP@2 = (1/2) / min(2, 3) = 0.25. NDCG@2 = (1/log2(3)) / (1 + 1/log2(3)).
        assertEquals(0.25, RankingMetrics.averagePrecisionAt(RANKED, RELEVANT, 2), 1e-15);
        assertEquals((1 / log2(3)) / (1 + 1 / log2(3)), RankingMetrics.ndcgAt(RANKED, RELEVANT, 2), 1e-15);
        assertEquals(0.5, RankingMetrics.precisionAt(RANKED, RELEVANT, 2), 1e-15);
        assertEquals(1.0 / 3, RankingMetrics.recallAt(RANKED, RELEVANT, 2), 1e-15);
        assertEquals(0.0, RankingMetrics.hitAt(RANKED, RELEVANT, 1));
    }

    @Test
    void repeatsCountOnceAndShortListsArePaddedWithMisses() {
        // 20 twice: one hit at position 1, position 2 is a miss. precision@3 = 1/3, AP = (1/1) / min(3, 1) = 1.
        assertEquals(1.0 / 3, RankingMetrics.precisionAt(new int[] {20, 20, 30}, new int[] {20}, 3), 1e-15);
        assertEquals(1.0, RankingMetrics.averagePrecisionAt(new int[] {20, 20, 30}, new int[] {20}, 3), 1e-15);
        // A one-item list at k = 3: precision divides by k; AP by min(3, 2) = 2.
        assertEquals(1.0 / 3, RankingMetrics.precisionAt(new int[] {20}, new int[] {20, 50}, 3), 1e-15);
        assertEquals(0.5, RankingMetrics.averagePrecisionAt(new int[] {20}, new int[] {20, 50}, 3), 1e-15);
        assertEquals(1.0, RankingMetrics.ndcgAt(new int[] {50, 20, 1}, new int[] {20, 50}, 3), 1e-15);
        assertTrue(Double.isNaN(RankingMetrics.ndcgAt(RANKED, new int[0], 3)));
    }

    @Test
    void entitiesWithoutRelevantItemsAreSkippedAndCounted() {
        List<int[]> rankings = List.of(RANKED, new int[] {1, 2, 3}, new int[] {7, 8});
        List<int[]> relevant = List.of(RELEVANT, new int[0], new int[] {8});
        RankingScores s = RankingMetrics.evaluate(rankings, relevant, 2);
        assertEquals(2, s.entitiesEvaluated());
        assertEquals(1, s.entitiesSkipped());
        // Entity 3: relevance 0 1, AP@2 = (1/2) / min(2, 1) = 0.5; entity 1 as in atTwoByHand: 0.25.
        assertEquals((0.25 + 0.5) / 2, s.map(), 1e-15);
        assertEquals((0.5 + 0.5) / 2, s.precision(), 1e-15);
        assertEquals((1.0 / 3 + 1.0) / 2, s.recall(), 1e-15);
        assertEquals(1.0, s.hitRate());
        MetricReport r = s.toReport();
        assertEquals(1, r.get("entities_without_relevant"));
        assertEquals(s.ndcg(), r.get("ndcg@2"));
    }
}
