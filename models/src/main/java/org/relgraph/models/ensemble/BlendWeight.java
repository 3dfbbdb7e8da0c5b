package org.relgraph.models.ensemble;

import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.train.ValidationMetric;

/**
 * The blend weight of {@code gnn-xgb-blend}: the w in {0, 0.05, …, 1} whose blend w·GNN + (1−w)·XGBoost scores
 * best on validation by the task's early-stopping metric ({@link ValidationMetric}: AUROC for binary, MAE for
 * regression); the first such w on a tie. It sees validation outputs and labels only, so test labels cannot move it.
 *
 * @param weight the GNN's weight
 * @param value  the blend's validation metric at that weight
 */
public record BlendWeight(double weight, ValidationMetric metric, double value) {
    /** Grid steps between 0 and 1. */
    public static final int STEPS = 20;

    public static BlendWeight choose(double[] gnnVal, double[] xgbVal, double[] valLabels, PredictionHead head) {
        ValidationMetric metric = ValidationMetric.forTask(head.taskType());
        double bestW = Double.NaN;
        double best = Double.NaN;
        for (int s = 0; s <= STEPS; s++) {
            double w = (double) s / STEPS;
            double value = metric.compute(AveragedModel.column(blend(gnnVal, xgbVal, w)), valLabels, head);
            if (Double.isNaN(bestW) || metric.isBetter(value, best)) {
                bestW = w;
                best = value;
            }
        }
        return new BlendWeight(bestW, metric, best);
    }

    /** XGBoost's weight, 1 − w, as the grid value itself: {@code 1 - 0.7} is 0.30000000000000004 in a bundle. */
    public double xgbWeight() {
        return complement(weight);
    }

    /** 1 − w for a w of the grid, exactly the grid's value ((STEPS − s) / STEPS). */
    static double complement(double w) {
        return (double) (STEPS - Math.round(w * STEPS)) / STEPS;
    }

    /** w·gnn + (1−w)·xgb, as {@link AveragedModel} computes it with weights {w, 1−w}. */
    static double[] blend(double[] gnn, double[] xgb, double w) {
        double[] out = new double[gnn.length];
        double v = complement(w);
        for (int i = 0; i < out.length; i++) {
            out[i] = w * gnn[i] + v * xgb[i];
        }
        return out;
    }
}
