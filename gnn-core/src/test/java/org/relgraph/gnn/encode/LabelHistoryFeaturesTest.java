package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.relgraph.gnn.encode.ChildActivityFeaturesTest.SEED;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.LabelHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.table.Database;

/**
 * Label history as node inputs, by hand on {@link ChildActivityFeaturesTest#db()}: customer 0's rows before the
 * seed are 'estate' 10 and 50 days before, 'fuel' 100 days before (the data's first row) and a null category 5 days
 * before; the customers table has no time, so every customer has a label in each past 30-day window after that.
 */
class LabelHistoryFeaturesTest {
    private static final double W1 = Math.pow(0.5, 1 / LabelHistory.HALF_LIFE_WINDOWS);

    private static LabelHistory history(Database db, String query) {
        return new LabelHistory(db, PredictiveQuery.parse(query, db.schema()), null);
    }

    private static float[] written(LabelHistoryFeatures f, int row) {
        float[] out = new float[f.width() + 2];
        f.write(row, SEED, out, 1);
        return out;
    }

    @Test
    void binaryHistoryIsScaledToTheModelsInputs() {
        Database db = ChildActivityFeaturesTest.db();
        LabelHistory h = history(db, "PREDICT BOOL(txns.category = 'estate', 0, 30, days) FOR EACH "
                + "customers.customer_id");
        // Windows back from the seed: (-30, 0] estate → 1, (-60, -30] estate → 1, (-90, -60] nothing → 0; older
        // ones are anchored before the data starts (100 days before the seed) and do not count.
        double w2 = Math.pow(0.5, 2 / LabelHistory.HALF_LIFE_WINDOWS);
        float[] expected = {0, (float) Math.log1p(3), 2f / 3, 1, (float) ((1 + W1) / (1 + W1 + w2)), 1, 1, 0};
        assertArrayEquals(expected, written(new LabelHistoryFeatures(h, Double.NaN, Double.NaN), 0), 1e-6f);
        // Customer 1: three windows, all 0, no positive: its recency of a positive is the missing value, 0.
        float[] none = {0, (float) Math.log1p(3), 0, 0, 0, 1, 0, 0};
        assertArrayEquals(none, written(new LabelHistoryFeatures(h, Double.NaN, Double.NaN), 1), 1e-6f);
    }

    @Test
    void regressionLabelsAreStandardisedLikeTheTarget() {
        Database db = ChildActivityFeaturesTest.db();
        LabelHistory h = history(db, "PREDICT COUNT(txns.*, 0, 30, days) FOR EACH customers.customer_id");
        float[] v = written(new LabelHistoryFeatures(h, 1, 2), 0);
        assertEquals((2 - 1) / 2f, v[1 + 2], 1e-6f, "last: 2 rows in (-30, 0] (the null category counts)");
        assertEquals((0 - 1) / 2f, v[1 + 5], 1e-6f, "lowest: an empty window's 0");
    }

    @Test
    void historyGoesBetweenTheChildSummariesAndTheRelativeTime() {
        Database db = ChildActivityFeaturesTest.db();
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED, ChildActivityFeaturesTest.config());
        RowEncoder customers = enc.table("customers").bind(db.table("customers"));
        ChildActivityFeatures summaries = enc.bindChildActivity("customers", HeteroGraph.build(db), db);
        LabelHistoryFeatures history = new LabelHistoryFeatures(history(db, "PREDICT BOOL(txns.category = "
                + "'estate', 0, 30, days) FOR EACH customers.customer_id"), 0, 1);
        int[] rows = {0, 1};
        long[] seeds = {SEED, SEED};
        long[] relative = {0, 0};
        float[][] summaryRows = new float[2][summaries.width()];
        float[][] historyRows = new float[2][history.width()];
        for (int i = 0; i < 2; i++) {
            summaries.write(rows[i], seeds[i], summaryRows[i], 0);
            history.write(rows[i], seeds[i], historyRows[i], 0);
        }
        INDArray joined = Nd4j.hstack(customers.encode(rows, seeds).numeric(), Nd4j.create(summaryRows),
                Nd4j.create(historyRows), RelativeTimeEncoding.encode(relative));
        assertArrayEquals(joined.toFloatMatrix(),
                NodeFeatures.matrix(customers, summaries, history, rows, seeds, relative).toFloatMatrix());
    }
}
