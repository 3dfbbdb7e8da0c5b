package org.relgraph.models.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/** flat-xgboost as a next-best-action model: metrics like the GNN ranker's, calibrated scores, bundle, no leakage. */
class FlatXgboostRankingModelTest {
    private static final long AS_OF = OfferHistory.START + 300 * OfferHistory.DAY;

    private static Database db;
    private static TrainingSplits splits;
    private static FlatXgboostRankingModel model;

    @BeforeAll
    static void train() {
        db = OfferHistory.database(300, 5);
        splits = OfferHistory.splits(db);
        model = FlatXgboostRankingModel.train(db, PredictiveQuery.parse(OfferHistory.QUERY, db.schema()), splits, 7,
                1, FeatureOptions.NO_CUTOFF, line -> { });
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] customers(int n) {
        int[] rows = new int[n];
        java.util.Arrays.setAll(rows, i -> i);
        return rows;
    }

    @Test
    void reportsTheGnnRankersMetricsAndBeatsPopularity() {
        Map<String, Double> m = model.metrics();
        System.out.println("FlatXgboostRankingModelTest metrics " + m);
        for (String split : new String[] {"val", "test"}) {
            for (String k : new String[] {"map@3", "ndcg@3", "hit@1", "map@5", "shown_auroc", "popularity_map@3"}) {
                assertTrue(m.containsKey(split + "_" + k), split + "_" + k + " in " + m.keySet());
            }
        }
        assertTrue(m.get("val_map@3") > m.get("val_popularity_map@3"),
                "val " + m.get("val_map@3") + " vs popularity " + m.get("val_popularity_map@3"));
        assertEquals(12.0, m.get("actions"));
        // evaluate rebuilds what training recorded
        assertEquals(m.get("val_map@3"), model.evaluate(splits.val()).get("map@3"), 1e-12);
        assertEquals(Map.of("count", 0.0), model.evaluate(org.relgraph.query.TrainingTable.unlabeled(
                org.relgraph.query.TaskType.RANKING, db.table("customers").requireColumn("customer_id"), new int[0],
                AS_OF)));
    }

    @Test
    void calibratedProbabilitiesOfEveryActionAndTheBestAsTheScore() {
        double[][] p = model.scoreActions(customers(30), AS_OF);
        double[] best = model.score(customers(30), AS_OF);
        for (int i = 0; i < p.length; i++) {
            assertEquals(model.actions().size(), p[i].length);
            for (double v : p[i]) {
                assertTrue(v > 0 && v < 1, "a probability: " + v);
            }
            assertEquals(java.util.Arrays.stream(p[i]).max().orElseThrow(), best[i], 0);
        }
    }

    @Test
    void bundleRoundTripGivesIdenticalScores(@TempDir Path dir) throws Exception {
        model.save(dir.resolve("nba-xgb"));
        try (EntityModel loaded = ModelLoader.load(dir.resolve("nba-xgb"), db)) {
            FlatXgboostRankingModel r = assertInstanceOf(FlatXgboostRankingModel.class, loaded);
            assertEquals("flat-xgboost", r.kind());
            assertEquals(model.actions(), r.actions());
            assertEquals(model.metrics(), r.metrics());
            assertEquals(model.splitAnchors(), r.splitAnchors());
            double[][] a = model.scoreActions(customers(40), AS_OF);
            double[][] b = r.scoreActions(customers(40), AS_OF);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0);
            }
            assertEquals(model.evaluate(splits.test()), r.evaluate(splits.test()));
        }
    }

    @Test
    void scoresAsOfADateIgnoreEverythingAfterIt(@TempDir Path dir) throws Exception {
        // The same customers and offers with every outcome after AS_OF flipped: nothing scored as of AS_OF may move.
        Database future = OfferHistory.database(300, 5, AS_OF);
        model.save(dir.resolve("nba-xgb"));
        try (EntityModel onFuture = ModelLoader.load(dir.resolve("nba-xgb"), future)) {
            FlatXgboostRankingModel f = (FlatXgboostRankingModel) onFuture;
            double[][] a = model.scoreActions(customers(60), AS_OF);
            double[][] b = f.scoreActions(customers(60), AS_OF);
            for (int i = 0; i < a.length; i++) {
                assertArrayEquals(a[i], b[i], 0);
            }
            // Sanity: a later as-of sees the flipped outcomes, so the check above could have failed.
            double[][] c = model.scoreActions(customers(60), AS_OF + 40 * OfferHistory.DAY);
            double[][] d = f.scoreActions(customers(60), AS_OF + 40 * OfferHistory.DAY);
            double diff = 0;
            for (int i = 0; i < c.length; i++) {
                for (int j = 0; j < c[i].length; j++) {
                    diff += Math.abs(c[i][j] - d[i][j]);
                }
            }
            assertTrue(diff > 1e-3, "later scores should see the flipped outcomes");
        }
    }

    @Test
    void listDistinctIsRefusedInOneLineWithAHintToUseCf() {
        Database bank = org.relgraph.models.fixtures.ActivityBank.generate(20, 1).database();
        PredictiveQuery q = PredictiveQuery.parse("PREDICT LIST_DISTINCT(transactions.product_id, 0, 30, days) "
                + "RANK TOP 3 FOR EACH customers.customer_id", bank.schema());
        SchemaException e = assertThrows(SchemaException.class, () -> FlatXgboostRankingModel.train(bank, q, null,
                1, 1, FeatureOptions.NO_CUTOFF, line -> { }));
        assertTrue(e.getMessage().contains("ARGMAX") && e.hint().contains("--kind cf"), e.getMessage());
    }
}
