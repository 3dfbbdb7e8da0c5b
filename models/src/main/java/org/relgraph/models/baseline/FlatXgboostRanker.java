package org.relgraph.models.baseline;

import java.util.ArrayList;
import java.util.List;
import org.relgraph.gnn.train.RankingSeeds;
import org.relgraph.models.features.FeatureColumn;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.FeatureSpec;
import org.relgraph.models.features.PointInTimeFeatures;
import org.relgraph.models.rank.ActionSpace;
import org.relgraph.models.rank.RankingExamples;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/**
 * The flat-table baseline for next best action, as a data scientist would build it by hand: the entity's
 * point-in-time features (the same as {@link GradientBoostedBaseline#flatXgboost}) next to the action's component
 * codes, one row per (entity, anchor, action) over the whole action space, labelled 1 when that action was accepted
 * in the window. Binary XGBoost with early stopping on validation; its probabilities rank the actions.
 */
public final class FlatXgboostRanker implements AutoCloseable {
    private final PointInTimeFeatures features;
    private final ActionSpace actions;
    private final int[][] codes;
    private FeatureSpec spec;
    private BoostedTrees trees;

    public FlatXgboostRanker(Database db, ActionSpace actions) {
        this.features = new PointInTimeFeatures(db);
        this.actions = actions;
        this.codes = actions.codes();
    }

    /** @param trainSeeds / valSeeds the ranking examples of the tables, as {@link RankingExamples#of} groups them */
    public void fit(String entityTable, TrainingTable train, RankingSeeds trainSeeds, TrainingTable val,
                    RankingSeeds valSeeds) {
        spec = features.fit(entityTable, FeatureOptions.defaults(), train);
        FeatureMatrix t = crossed(train);
        FeatureMatrix v = crossed(val);
        trees = BoostedTrees.train(t, labels(trainSeeds), v, labels(valSeeds), TaskType.BINARY,
                XgboostSettings.defaults());
    }

    /** @return per example of {@code table} (grouped as {@link RankingExamples#groupStarts}), a score per action */
    public double[][] scores(TrainingTable table) {
        double[] flat = trees.predict(crossed(table));
        int a = actions.size();
        double[][] out = new double[flat.length / a][a];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(flat, i * a, out[i], 0, a);
        }
        return out;
    }

    /** Total gain per feature name (action codes are {@code action_<column>}), for what the model relies on. */
    public java.util.Map<String, Double> featureImportance() {
        return trees.totalGain();
    }

    /** Each example's entity features (taken from its first candidate row) repeated once per action, with its codes. */
    private FeatureMatrix crossed(TrainingTable table) {
        FeatureMatrix m = features.build(spec, table);
        int[] starts = RankingExamples.groupStarts(table);
        int base = m.columnCount();
        int components = actions.columns().size();
        List<FeatureColumn> columns = new ArrayList<>(m.columns());
        for (String c : actions.columns()) {
            columns.add(new FeatureColumn("action_" + c, actions.table() + "." + c, 0, "code", 0));
        }
        int width = base + components;
        float[] values = new float[starts.length * actions.size() * width];
        int r = 0;
        for (int start : starts) {
            for (int a = 0; a < actions.size(); a++, r++) {
                System.arraycopy(m.values(), start * base, values, r * width, base);
                for (int c = 0; c < components; c++) {
                    values[r * width + base + c] = codes[a][c];
                }
            }
        }
        return new FeatureMatrix(starts.length * actions.size(), columns, values);
    }

    private double[] labels(RankingSeeds seeds) {
        double[] y = new double[seeds.size() * actions.size()];
        for (int i = 0; i < seeds.size(); i++) {
            for (int a : seeds.relevant(i)) {
                if (a >= 0) {
                    y[i * actions.size() + a] = 1;
                }
            }
        }
        return y;
    }

    @Override
    public void close() {
        if (trees != null) {
            trees.close();
        }
        features.close();
    }
}
