package org.relgraph.metrics;

import java.util.Arrays;
import java.util.List;

/**
 * Metrics of ranked recommendations (link prediction, next best action): for each entity, a list of candidate ids
 * best first, judged against the set of ids that are actually relevant. Relevance is binary. The cutoff k counts
 * list positions; a list shorter than k is as if padded with irrelevant items. An id repeated in a list counts only
 * at its first position, so no metric can exceed 1 by recommending the same item twice.
 *
 * <p>Entities with no relevant item are skipped by {@link #evaluate}: every metric here is 0 or 0/0 for them
 * whatever the ranking, so they would only dilute the mean. {@link RankingScores#entitiesSkipped()} reports how
 * many, so a skipped majority does not go unnoticed.
 */
public final class RankingMetrics {
    private RankingMetrics() {
    }

    /**
     * Means over the evaluated entities.
     *
     * @param k                 the cutoff
     * @param map               mean of {@link #averagePrecisionAt}
     * @param ndcg              mean of {@link #ndcgAt}
     * @param hitRate           mean of {@link #hitAt}
     * @param precision         mean of {@link #precisionAt}
     * @param recall            mean of {@link #recallAt}
     * @param entitiesEvaluated entities with at least one relevant item
     * @param entitiesSkipped   entities with none, left out of every mean
     */
    public record RankingScores(int k, double map, double ndcg, double hitRate, double precision, double recall,
            int entitiesEvaluated, int entitiesSkipped) {

        /** Names like {@code map@10}; NaN means when no entity had a relevant item. */
        public MetricReport toReport() {
            return MetricReport.builder()
                    .count("entities", entitiesEvaluated)
                    .count("entities_without_relevant", entitiesSkipped)
                    .value("map@" + k, map)
                    .value("ndcg@" + k, ndcg)
                    .value("hit@" + k, hitRate)
                    .value("precision@" + k, precision)
                    .value("recall@" + k, recall)
                    .build();
        }
    }

    /** Evaluates entity i's {@code rankings.get(i)} against {@code relevant.get(i)}. */
    public static RankingScores evaluate(List<int[]> rankings, List<int[]> relevant, int k) {
        MetricInputs.requireSameLength(rankings.size(), relevant.size(), "rankings and relevant sets");
        requireCutoff(k);
        double map = 0;
        double ndcg = 0;
        double hit = 0;
        double precision = 0;
        double recall = 0;
        int evaluated = 0;
        int skipped = 0;
        for (int i = 0; i < rankings.size(); i++) {
            Judged j = Judged.of(rankings.get(i), relevant.get(i), k);
            if (j.relevantCount == 0) {
                skipped++;
                continue;
            }
            evaluated++;
            map += j.averagePrecision();
            ndcg += j.ndcg();
            hit += j.hits > 0 ? 1 : 0;
            precision += (double) j.hits / k;
            recall += (double) j.hits / j.relevantCount;
        }
        return new RankingScores(k, map / evaluated, ndcg / evaluated, hit / evaluated, precision / evaluated,
                recall / evaluated, evaluated, skipped);
    }

    /**
     * AP@k = (1 / min(k, |R|)) · Σ_{i ≤ k} precision@i · rel_i, where rel_i is 1 when the i-th item is relevant.
     * Dividing by min(k, |R|) rather than |R| lets a perfect top-k list score 1 even when more than k items are
     * relevant (the RelBench and ml_metrics convention). NaN when nothing is relevant.
     */
    public static double averagePrecisionAt(int[] ranked, int[] relevant, int k) {
        requireCutoff(k);
        Judged j = Judged.of(ranked, relevant, k);
        return j.relevantCount == 0 ? Double.NaN : j.averagePrecision();
    }

    /**
     * NDCG@k with binary gains: DCG = Σ_{i ≤ k} rel_i / log2(i + 1), divided by the DCG of the ideal list, which puts
     * min(k, |R|) relevant items first. NaN when nothing is relevant.
     */
    public static double ndcgAt(int[] ranked, int[] relevant, int k) {
        requireCutoff(k);
        Judged j = Judged.of(ranked, relevant, k);
        return j.relevantCount == 0 ? Double.NaN : j.ndcg();
    }

    /** 1 when any of the top k is relevant, else 0. NaN when nothing is relevant. */
    public static double hitAt(int[] ranked, int[] relevant, int k) {
        requireCutoff(k);
        Judged j = Judged.of(ranked, relevant, k);
        return j.relevantCount == 0 ? Double.NaN : j.hits > 0 ? 1 : 0;
    }

    /** Relevant items in the top k, divided by k (not by the list length). NaN when nothing is relevant. */
    public static double precisionAt(int[] ranked, int[] relevant, int k) {
        requireCutoff(k);
        Judged j = Judged.of(ranked, relevant, k);
        return j.relevantCount == 0 ? Double.NaN : (double) j.hits / k;
    }

    /** Relevant items in the top k, divided by the number of relevant items. NaN when nothing is relevant. */
    public static double recallAt(int[] ranked, int[] relevant, int k) {
        requireCutoff(k);
        Judged j = Judged.of(ranked, relevant, k);
        return j.relevantCount == 0 ? Double.NaN : (double) j.hits / j.relevantCount;
    }

    private static void requireCutoff(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
    }

    /** One entity's top k marked relevant or not. */
    private static final class Judged {
        final int k;
        final boolean[] relevantAt;
        final int hits;
        final int relevantCount;

        private Judged(int k, boolean[] relevantAt, int hits, int relevantCount) {
            this.k = k;
            this.relevantAt = relevantAt;
            this.hits = hits;
            this.relevantCount = relevantCount;
        }

        static Judged of(int[] ranked, int[] relevant, int k) {
            int[] set = Arrays.stream(relevant).sorted().distinct().toArray();
            boolean[] alreadyFound = new boolean[set.length];
            int depth = Math.min(k, ranked.length);
            boolean[] relevantAt = new boolean[depth];
            int hits = 0;
            for (int i = 0; i < depth; i++) {
                int s = Arrays.binarySearch(set, ranked[i]);
                if (s >= 0 && !alreadyFound[s]) {
                    alreadyFound[s] = true;
                    relevantAt[i] = true;
                    hits++;
                }
            }
            return new Judged(k, relevantAt, hits, set.length);
        }

        double averagePrecision() {
            double sum = 0;
            int hitsSoFar = 0;
            for (int i = 0; i < relevantAt.length; i++) {
                if (relevantAt[i]) {
                    hitsSoFar++;
                    sum += (double) hitsSoFar / (i + 1);
                }
            }
            return sum / Math.min(k, relevantCount);
        }

        double ndcg() {
            double dcg = 0;
            for (int i = 0; i < relevantAt.length; i++) {
                if (relevantAt[i]) {
                    dcg += discount(i);
                }
            }
            double ideal = 0;
            for (int i = 0; i < Math.min(k, relevantCount); i++) {
                ideal += discount(i);
            }
            return dcg / ideal;
        }

        /** 1 / log2(position + 1) for the 1-based position i + 1. */
        private static double discount(int i) {
            return Math.log(2) / Math.log(i + 2);
        }
    }
}
