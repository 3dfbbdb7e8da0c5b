package org.relgraph.models.gnn;

import org.relgraph.gnn.testdata.ShopData;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/** Regression and multiclass queries, and the refusal of ranking ones, end to end through the query. */
class GnnPredictorTasksTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(4).withPatience(2).withLearningRate(1e-2);
    private final Database db = ShopData.database(200, 13);

    private TrainingSplits splits(PredictiveQuery q) {
        return ShopData.splits(db, q);
    }

    @Test
    void regressionBeatsPredictingTheTrainingMean() {
        PredictiveQuery q = PredictiveQuery.parse(
                "PREDICT AVG(TRANSACTIONS.AMOUNT, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID", db.schema());
        TrainingSplits s = splits(q);
        try (GnnPredictor p = GnnPredictor.train(db, q, s, SMALL, TrainingListener.NONE)) {
            double mean = Arrays.stream(labels(s.train())).average().orElseThrow();
            double baseline = Arrays.stream(labels(s.val())).map(y -> Math.abs(y - mean)).average().orElseThrow();
            double mae = p.metrics().get("val_mae");
            assertTrue(mae < 0.5 * baseline, "MAE " + mae + " vs constant " + baseline);
        }
    }

    @Test
    void multiclassGivesAProbabilityPerTrainingClass() {
        PredictiveQuery q = PredictiveQuery.parse(
                "PREDICT FIRST(TRANSACTIONS.CATEGORY, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID", db.schema());
        TrainingSplits s = splits(q);
        try (GnnPredictor p = GnnPredictor.train(db, q, s, SMALL, TrainingListener.NONE)) {
            assertEquals(4, p.head().classes().length);
            int[] rows = new int[s.test().size()];
            Arrays.setAll(rows, s.test()::entityRow);
            double[][] probs = p.classProbabilities(rows, s.test().anchorTime(0));
            double[] predicted = p.score(rows, s.test().anchorTime(0));
            double[] classes = p.head().classes();
            int correct = 0;
            for (int i = 0; i < rows.length; i++) {
                assertEquals(1.0, Arrays.stream(probs[i]).sum(), 1e-6);
                int best = 0;
                for (int k = 1; k < classes.length; k++) {
                    best = probs[i][k] > probs[i][best] ? k : best;
                }
                assertEquals(classes[best], predicted[i], "score() is the most probable class's label");
                correct += predicted[i] == s.test().label(i) ? 1 : 0;
            }
            assertEquals((double) correct / rows.length, p.metrics().get("test_accuracy"), 1e-12);
        }
    }

    @Test
    void rankingQueriesAreLeftToGnnRanker() {
        PredictiveQuery q = PredictiveQuery.parse(
                "PREDICT LIST_DISTINCT(TRANSACTIONS.CUSTOMER_ID, 0, 30, days) RANK TOP 2 FOR EACH CUSTOMERS.CUSTOMER_ID",
                db.schema());
        SchemaException e = assertThrows(SchemaException.class,
                () -> GnnPredictor.train(db, q, splits(q), SMALL, TrainingListener.NONE));
        assertEquals("ranking queries are trained by GnnRanker, not GnnPredictor", e.getMessage());
    }

    private static double[] labels(TrainingTable t) {
        double[] y = new double[t.size()];
        Arrays.setAll(y, t::label);
        return y;
    }
}
