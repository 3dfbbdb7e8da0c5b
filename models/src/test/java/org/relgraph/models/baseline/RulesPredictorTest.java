package org.relgraph.models.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.table.Database;

class RulesPredictorTest {
    private static final Database DB = ActivityBank.generate(200, 5).database();

    private static TrainingSplits splits() {
        return new TrainingSplits(ActivityBank.examples(DB, "train", 30, 90, 150, 210),
                ActivityBank.examples(DB, "val", 270), ActivityBank.examples(DB, "test", 330));
    }

    @Test
    void recentActivityLiftsTheScoreOfBusyCustomers() {
        TrainingSplits splits = splits();
        try (RulesPredictor rules = new RulesPredictor(DB, "customers")) {
            rules.fit(splits);
            double[] scores = rules.predict(splits.test());
            double auroc = Auroc.of(splits.test(), scores);
            // Two activity groups over 90 days (which straddle two 60-day spells) are coarse, but far from chance.
            assertTrue(auroc > 0.65, "AUROC " + auroc + ", " + rules.describe());
            for (double s : scores) {
                assertTrue(s >= 0 && s <= 1, "binary scores are probabilities: " + s);
            }
            assertEquals("segment", rules.segmentColumn());
        }
    }

    @Test
    void regressionScoresAreLabelMeans() {
        PredictiveQuery query = PredictiveQuery.parse(
                "PREDICT SUM(transactions.amount, 0, 30, days) FOR EACH customers.customer_id", DB.schema());
        TrainingTableBuilder builder = new TrainingTableBuilder(DB, query);
        long day = ActivityBank.DAY;
        TrainingSplits splits = new TrainingSplits(
                builder.build("train", java.util.List.of(ActivityBank.START + 90 * day, ActivityBank.START + 150 * day)),
                builder.build("val", java.util.List.of(ActivityBank.START + 270 * day)),
                builder.build("test", java.util.List.of(ActivityBank.START + 330 * day)));
        try (RulesPredictor rules = new RulesPredictor(DB, "customers")) {
            rules.fit(splits);
            double[] scores = rules.predict(splits.test());
            double trainMean = 0;
            for (int i = 0; i < splits.train().size(); i++) {
                trainMean += splits.train().label(i) / splits.train().size();
            }
            double min = java.util.Arrays.stream(scores).min().orElseThrow();
            double max = java.util.Arrays.stream(scores).max().orElseThrow();
            assertTrue(min < trainMean && trainMean < max, "scores straddle the training mean " + trainMean);
        }
    }

    @Test
    void rankingQueriesAreRefused() {
        PredictiveQuery query = PredictiveQuery.parse(
                "PREDICT LIST_DISTINCT(transactions.product_id, 0, 30, days) RANK TOP 2 FOR EACH customers.customer_id",
                DB.schema());
        TrainingTableBuilder builder = new TrainingTableBuilder(DB, query);
        TrainingSplits splits = new TrainingSplits(
                builder.build("train", java.util.List.of(ActivityBank.START + 90 * ActivityBank.DAY)),
                builder.build("val", java.util.List.of()), builder.build("test", java.util.List.of()));
        try (RulesPredictor rules = new RulesPredictor(DB, "customers")) {
            assertThrows(IllegalArgumentException.class, () -> rules.fit(splits));
        }
    }
}
