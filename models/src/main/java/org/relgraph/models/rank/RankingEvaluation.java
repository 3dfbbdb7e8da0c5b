package org.relgraph.models.rank;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.relgraph.query.RankingSeeds;
import org.relgraph.gnn.train.RankingTrainer;
import org.relgraph.metrics.BinaryMetrics;
import org.relgraph.metrics.MetricReport;
import org.relgraph.metrics.RankingMetrics;

/**
 * Next-best-action metrics of per-seed action scores. With a couple of dozen candidates the cutoffs that matter are
 * small: the action a campaign sends (hit@1) and a short list (MAP / NDCG / hit @3, MAP@5). They rank the whole
 * action space against the actions that were accepted, so they reward knowing which actions are taken at all as
 * well as which are accepted when taken. {@code shown_auroc} isolates the second: AUROC of the scores of the
 * candidates actually shown, accepted vs not.
 */
public final class RankingEvaluation {
    /** The cutoff the headline numbers (and early stopping) use. */
    public static final int K = 3;

    private RankingEvaluation() {
    }

    /**
     * Rankings hold only the actions each seed may be recommended as of its anchor ({@link RankingSeeds#eligible});
     * {@code shown_auroc} reads the raw scores of every shown offer.
     *
     * @param scores [seeds][actions], higher = more likely accepted
     */
    public static Map<String, Double> report(RankingSeeds seeds, double[][] scores) {
        List<int[]> rankings = new ArrayList<>();
        List<int[]> relevant = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            rankings.add(RankingTrainer.ranked(scores[i], seeds.eligible(i)));
            relevant.add(seeds.relevant(i));
        }
        RankingMetrics.RankingScores at1 = RankingMetrics.evaluate(rankings, relevant, 1);
        RankingMetrics.RankingScores atK = RankingMetrics.evaluate(rankings, relevant, K);
        RankingMetrics.RankingScores at5 = RankingMetrics.evaluate(rankings, relevant, 5);
        return MetricReport.builder()
                .addAll(atK.toReport())
                .value("hit@1", at1.hitRate())
                .value("map@5", at5.map())
                .value("ndcg@5", at5.ndcg())
                .value("shown_auroc", shownAuroc(seeds, scores))
                .build().asMap();
    }

    /**
     * Records a split's metrics the way every {@link ActionRanker} reports them after training: the model's
     * {@link #report} as {@code <split>_<metric>}, and the popularity baseline's MAP@K, NDCG@K and hit@1 as
     * {@code <split>_popularity_<metric>} for comparison. Nothing for a split without examples.
     */
    public static void record(Map<String, Double> into, String split, RankingSeeds seeds, double[][] scores,
                              PopularityRanker popularity) {
        if (seeds.size() == 0) {
            return;
        }
        report(seeds, scores).forEach((k, v) -> into.put(split + "_" + k, v));
        Map<String, Double> base = report(seeds, popularity.scores(seeds.size()));
        into.put(split + "_popularity_map@" + K, base.get("map@" + K));
        into.put(split + "_popularity_ndcg@" + K, base.get("ndcg@" + K));
        into.put(split + "_popularity_hit@1", base.get("hit@1"));
    }

    /**
     * LIST_DISTINCT metrics at the query's {@code RANK TOP k}, named as {@link CfModel} names them ({@code count},
     * {@code map@k}, {@code ndcg@k}, {@code hit@k}, {@code precision@k}, {@code recall@k}) so the two compare.
     */
    public static Map<String, Double> reportList(RankingSeeds seeds, double[][] scores, int k) {
        List<int[]> rankings = new ArrayList<>();
        List<int[]> relevant = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            rankings.add(RankingTrainer.ranked(scores[i]));
            relevant.add(seeds.relevant(i));
        }
        return MetricReport.builder().count("count", seeds.size())
                .addAll(RankingMetrics.evaluate(rankings, relevant, k).toReport()).build().asMap();
    }

    /** {@link #record} for LIST_DISTINCT: {@link #reportList} and popularity's MAP / NDCG / hit @k. */
    public static void recordList(Map<String, Double> into, String split, RankingSeeds seeds, double[][] scores,
                                  PopularityRanker popularity, int k) {
        if (seeds.size() == 0) {
            return;
        }
        reportList(seeds, scores, k).forEach((key, v) -> into.put(split + "_" + key, v));
        Map<String, Double> base = reportList(seeds, popularity.scores(seeds.size()), k);
        for (String m : List.of("map@", "ndcg@", "hit@")) {
            into.put(split + "_popularity_" + m + k, base.get(m + k));
        }
    }

    private static double shownAuroc(RankingSeeds seeds, double[][] scores) {
        int n = 0;
        for (int i = 0; i < seeds.size(); i++) {
            for (int a : seeds.shown()[i]) {
                n += a >= 0 ? 1 : 0;
            }
        }
        double[] s = new double[n];
        boolean[] y = new boolean[n];
        int k = 0;
        for (int i = 0; i < seeds.size(); i++) {
            for (int j = 0; j < seeds.shown()[i].length; j++) {
                int a = seeds.shown()[i][j];
                if (a >= 0) {
                    s[k] = scores[i][a];
                    y[k++] = seeds.accepted()[i][j];
                }
            }
        }
        return BinaryMetrics.auroc(s, y);
    }
}
