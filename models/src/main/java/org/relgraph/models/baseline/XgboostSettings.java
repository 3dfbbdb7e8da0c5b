package org.relgraph.models.baseline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.query.TaskType;

/**
 * Hyper-parameters for XGBoost. The defaults are the usual strong starting point for tabular data: shallow-ish
 * trees, a small learning rate and many rounds cut short by early stopping on the validation split.
 *
 * @param regressionLoss {@code reg:squarederror} or {@code reg:absoluteerror} (better when judged by MAE)
 * @param binaryStoppingMetric what early stopping watches on binary tasks: {@code auc} or {@code logloss}
 * @param threads        fixed so that histogram building, and hence the model, is the same on every run
 */
public record XgboostSettings(int maxDepth, double eta, int maxRounds, int earlyStoppingRounds, double subsample,
                              double colsampleBytree, double minChildWeight, String regressionLoss,
                              String binaryStoppingMetric, long seed, int threads) {
    public static XgboostSettings defaults() {
        return new XgboostSettings(6, 0.05, 1000, 50, 0.8, 0.8, 1.0, "reg:squarederror", "auc", 42, 2);
    }

    public XgboostSettings withRegressionLoss(String objective) {
        return new XgboostSettings(maxDepth, eta, maxRounds, earlyStoppingRounds, subsample, colsampleBytree,
                minChildWeight, objective, binaryStoppingMetric, seed, threads);
    }

    public XgboostSettings withBinaryStoppingMetric(String metric) {
        return new XgboostSettings(maxDepth, eta, maxRounds, earlyStoppingRounds, subsample, colsampleBytree,
                minChildWeight, regressionLoss, metric, seed, threads);
    }

    public XgboostSettings withTreeShape(int depth, double minChildHessian) {
        return new XgboostSettings(depth, eta, maxRounds, earlyStoppingRounds, subsample, colsampleBytree,
                minChildHessian, regressionLoss, binaryStoppingMetric, seed, threads);
    }

    public XgboostSettings withColumnSample(double fraction) {
        return new XgboostSettings(maxDepth, eta, maxRounds, earlyStoppingRounds, subsample, fraction,
                minChildWeight, regressionLoss, binaryStoppingMetric, seed, threads);
    }

    /**
     * These settings and three other tree shapes, the small grid a careful data scientist tries before anything
     * else: shallower trees that need more evidence per leaf and see half the columns per tree (many correlated
     * aggregates on a few thousand examples), and deeper trees held back by the same. Early stopping on
     * validation picks the rounds of each; the validation score picks the shape. Not flat-xgboost's default: on
     * rel-f1 driver-position it won on validation and not on test (docs/MODEL-TUNING.md).
     */
    public List<XgboostSettings> treeShapeGrid() {
        return List.of(this, withTreeShape(4, 5).withColumnSample(0.5), withTreeShape(3, 10).withColumnSample(0.5),
                withTreeShape(8, 10).withColumnSample(0.5));
    }

    /** Whether a higher validation score is better in the metric early stopping watched for {@code task}. */
    boolean higherScoreIsBetter(TaskType task) {
        return task == TaskType.BINARY && binaryStoppingMetric.equals("auc");
    }

    public XgboostSettings withThreads(int n) {
        return new XgboostSettings(maxDepth, eta, maxRounds, earlyStoppingRounds, subsample, colsampleBytree,
                minChildWeight, regressionLoss, binaryStoppingMetric, seed, n);
    }

    public XgboostSettings withSeed(long s) {
        return new XgboostSettings(maxDepth, eta, maxRounds, earlyStoppingRounds, subsample, colsampleBytree,
                minChildWeight, regressionLoss, binaryStoppingMetric, s, threads);
    }

    public XgboostSettings withMaxRounds(int rounds) {
        return new XgboostSettings(maxDepth, eta, rounds, earlyStoppingRounds, subsample, colsampleBytree,
                minChildWeight, regressionLoss, binaryStoppingMetric, seed, threads);
    }

    /** XGBoost's parameter map for a task; {@code classes} is only read for multiclass. */
    Map<String, Object> parameters(TaskType task, int classes) {
        Map<String, Object> p = new LinkedHashMap<>();
        switch (task) {
            case BINARY -> {
                p.put("objective", "binary:logistic");
                p.put("eval_metric", binaryStoppingMetric);
            }
            case REGRESSION -> {
                p.put("objective", regressionLoss);
                p.put("eval_metric", regressionLoss.equals("reg:absoluteerror") ? "mae" : "rmse");
            }
            case MULTICLASS -> {
                p.put("objective", "multi:softprob");
                p.put("num_class", classes);
                p.put("eval_metric", "mlogloss");
            }
            case RANKING -> throw new IllegalArgumentException(
                    "flat-table baselines predict one number per example; ranking tasks are not supported");
        }
        p.put("tree_method", "hist");
        p.put("max_depth", maxDepth);
        p.put("eta", eta);
        p.put("subsample", subsample);
        p.put("colsample_bytree", colsampleBytree);
        p.put("min_child_weight", minChildWeight);
        p.put("seed", seed);
        p.put("nthread", threads);
        p.put("verbosity", 0);
        // XGBoost4J's own switch for printing every round's validation score; it reads 0, not false.
        p.put("verbose_eval", 0);
        return p;
    }
}
