package org.relgraph.benchmarks.gnn;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.*;
import ml.dmlc.xgboost4j.java.*;
import org.relgraph.gnn.encode.*;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.baseline.XgboostSettings;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.*;
import org.relgraph.source.*;
import org.relgraph.table.Database;

/**
 * Diagnostic for the Berka gap (docs/MODEL-TUNING.md, *Berka: the GNN's gap to flat XGBoost, diagnosed*): fits
 * XGBoost, with flat-xgboost's default settings (depth 6, eta 0.05, up to 1,000 rounds, early stopping after 50 on
 * val AUROC, subsample and column sample 0.8), on exactly the inputs the GNN's account node reads (its encoded row
 * and child summaries as of each anchor, as {@code NodeFeatures} writes them) on the berka-loan protocol, and prints
 * val and test AUROC / AP. It tells whether the information is in the GNN's inputs (then the gap is the learner) or
 * only in the flat features. Not a test: a measurement.
 *
 * <p>Usage: {@code NodeInputsXgboostProbe SEED [default|ext|none]} (ext: {@code --extended-child-summaries}; none: no
 * child summaries); reads the prepared Berka cache {@code ~/.cache/relgraph/berka-v2} (made by any {@code --dataset
 * berka} command).
 */
public final class NodeInputsXgboostProbe {
    private NodeInputsXgboostProbe() {
    }

    static final String Q = "PREDICT COUNT(loan.*, 0, 3, months) > 0 FOR EACH account.account_id WHERE COUNT(loan.*, -1200, 0, months) = 0";

    public static void main(String[] a) throws Exception {
        boolean ext = a.length > 1 && a[1].equals("ext");
        boolean noSummaries = a.length > 1 && a[1].equals("none");
        long seed = Long.parseLong(a[0]);
        Database db = DataSources.open(System.getProperty("user.home") + "/.cache/relgraph/berka-v2")
                .load(LoadOptions.defaults().withExcludedTables(new ExcludedTables(List.of("orders")))).database();
        PredictiveQuery q = PredictiveQuery.parse(Q, db.schema());
        long test = LocalDate.of(1994, 8, 1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        SplitPlan plan = new SplitPlanner(db, q).testTime(test).maxEvalAnchors(2).plan();
        TrainingSplits s = new TrainingTableBuilder(db, q).build(plan);
        System.out.println(plan);
        GnnConfig cfg = GnnConfig.defaults().withExtendedChildSummaries(ext).withChildSummaries(!noSummaries);
        DatabaseEncoding enc = GnnPredictor.fitEncoding(db, s, cfg);
        HeteroGraph g = HeteroGraph.build(db);
        RowEncoder re = enc.table("account").bind(db.table("account"));
        ChildActivityFeatures cf = enc.bindChildActivity("account", g, db);
        TrainingTable[] parts = {s.train(), s.val(), s.test()};
        DMatrix[] m = new DMatrix[3];
        float[][] labels = new float[3][];
        for (int p = 0; p < 3; p++) {
            TrainingTable t = parts[p];
            int n = t.size();
            int[] rows = new int[n];
            long[] times = new long[n];
            labels[p] = new float[n];
            for (int i = 0; i < n; i++) {
                rows[i] = t.entityRow(i);
                times[i] = t.anchorTime(i);
                labels[p][i] = (float) t.label(i);
            }
            float[] x = NodeFeatures.matrix(re, cf, rows, times, null).reshape(-1).toFloatVector();
            int w = x.length / n;
            if (p == 0) System.out.println("features per row: " + w);
            m[p] = new DMatrix(x, n, w, Float.NaN);
            m[p].setLabel(labels[p]);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic"); params.put("eval_metric", "auc"); params.put("tree_method", "hist");
        params.put("max_depth", 6); params.put("eta", 0.05); params.put("subsample", 0.8); params.put("colsample_bytree", 0.8);
        params.put("min_child_weight", 1); params.put("seed", seed); params.put("nthread", 1); params.put("verbosity", 0);
        params.put("verbose_eval", 0);
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("val", m[1]);
        Booster b = XGBoost.train(m[0], params, 1000, watches, null, null, null, 50);
        String best = b.getAttr("best_iteration");
        int it = best == null ? 0 : Integer.parseInt(best);
        for (int p = 1; p < 3; p++) {
            float[][] pr = b.predict(m[p], false, it + 1);
            double[] sc = new double[pr.length];
            for (int i = 0; i < sc.length; i++) sc[i] = pr[i][0];
            System.out.printf("seed %d %s %s AUROC %.4f AP %.4f (best iteration %d)%n", seed, ext ? "ext" : noSummaries ? "none" : "default",
                    p == 1 ? "val" : "test", auroc(sc, labels[p]), ap(sc, labels[p]), it);
        }
    }

    static double auroc(double[] s, float[] y) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, Comparator.comparingDouble(i -> s[i]));
        double rankSum = 0; long pos = 0;
        int i = 0;
        while (i < idx.length) {
            int j = i;
            while (j + 1 < idx.length && s[idx[j + 1]] == s[idx[i]]) j++;
            double r = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) if (y[idx[k]] > 0.5) { rankSum += r; pos++; }
            i = j + 1;
        }
        long neg = s.length - pos;
        return (rankSum - pos * (pos + 1) / 2.0) / (pos * (double) neg);
    }

    static double ap(double[] s, float[] y) {
        Integer[] idx = new Integer[s.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        Arrays.sort(idx, (p, q) -> Double.compare(s[q], s[p]));
        double tp = 0, sum = 0; long pos = 0;
        for (float v : y) if (v > 0.5) pos++;
        for (int k = 0; k < idx.length; k++) if (y[idx[k]] > 0.5) { tp++; sum += tp / (k + 1); }
        return sum / pos;
    }
}
