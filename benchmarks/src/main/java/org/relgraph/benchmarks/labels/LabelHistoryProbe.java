package org.relgraph.benchmarks.labels;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.relgraph.query.LabelHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * How well each {@link LabelHistory} statistic alone ranks a binary query's examples, per split, under RelBench's
 * protocol (val and test times, 40 eval anchors, inputs cut at the test time): the AUROC of the statistic as a
 * score (missing lowest; "windows since" negated, so recent scores high), over all examples and over those with a
 * history, with how many have none and their positive rates. Shows whether history learnt on train still means the
 * same on test (docs/MODEL-TUNING.md, "Label history"). Not a test: it reads real data.
 *
 * <p>Usage: {@code LabelHistoryProbe <data folder> <val time> <test time> <query>...}, e.g. the prepared rel-f1
 * folder, {@code 2005-01-01T00:00:00Z 2010-01-01T00:00:00Z} and RelF1Task's dnf and top3 queries.
 */
public final class LabelHistoryProbe {
    private LabelHistoryProbe() {
    }

    public static void main(String[] args) throws Exception {
        Database db = DataSources.open(args[0]).load().database();
        long val = Instant.parse(args[1]).toEpochMilli();
        long test = Instant.parse(args[2]).toEpochMilli();
        for (String text : Arrays.copyOfRange(args, 3, args.length)) {
            PredictiveQuery query = PredictiveQuery.parse(text, db.schema());
            SplitPlan plan = new SplitPlanner(db, query).valTime(val).testTime(test).maxEvalAnchors(40)
                    .maxTrainAnchors(100_000).plan();
            TrainingSplits splits = new TrainingTableBuilder(db, query).build(plan);
            LabelHistory history = new LabelHistory(db, query, test);
            System.out.println(query);
            for (TrainingTable t : List.of(splits.train(), splits.val(), splits.test())) {
                report(t, history);
            }
        }
    }

    private static void report(TrainingTable t, LabelHistory history) {
        int n = t.size();
        double[] y = new double[n];
        double[][] score = new double[LabelHistory.WIDTH][n];
        boolean[] has = new boolean[n];
        int none = 0;
        double nonePositives = 0;
        double positives = 0;
        for (int i = 0; i < n; i++) {
            y[i] = t.label(i);
            double[] v = history.values(t.entityRow(i), t.anchorTime(i));
            has[i] = v[0] > 0;
            none += has[i] ? 0 : 1;
            nonePositives += has[i] ? 0 : y[i];
            positives += has[i] ? y[i] : 0;
            for (int k = 0; k < v.length; k++) {
                boolean since = k >= 4;
                score[k][i] = Double.isNaN(v[k]) ? -1e9 : since ? -v[k] : v[k];
            }
        }
        StringBuilder all = new StringBuilder(String.format(Locale.ROOT, "  %-5s n=%d  all:", t.split(), n));
        StringBuilder withHistory = new StringBuilder(String.format(Locale.ROOT,
                "        with history n=%d (positive rate %.3f), none n=%d (%.3f):", n - none,
                positives / Math.max(1, n - none), none, nonePositives / Math.max(1, none)));
        for (int k = 0; k < LabelHistory.WIDTH; k++) {
            String name = history.statistics().get(k).key();
            all.append(String.format(Locale.ROOT, " %s %.3f", name, auroc(score[k], y, null)));
            withHistory.append(String.format(Locale.ROOT, " %s %.3f", name, auroc(score[k], y, has)));
        }
        System.out.println(all);
        System.out.println(withHistory);
    }

    /** AUROC of {@code score} for labels {@code y} (ties share their mean rank), over the rows {@code keep} marks. */
    static double auroc(double[] score, double[] y, boolean[] keep) {
        Integer[] idx = java.util.stream.IntStream.range(0, score.length).filter(i -> keep == null || keep[i])
                .boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.comparingDouble(i -> score[i]));
        double rankSum = 0;
        long pos = 0;
        for (int i = 0; i < idx.length; ) {
            int j = i;
            while (j + 1 < idx.length && score[idx[j + 1]] == score[idx[i]]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (y[idx[k]] == 1) {
                    rankSum += rank;
                    pos++;
                }
            }
            i = j + 1;
        }
        long neg = idx.length - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }
}
