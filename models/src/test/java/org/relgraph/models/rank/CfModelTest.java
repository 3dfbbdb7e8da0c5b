package org.relgraph.models.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.table.Database;

class CfModelTest {
    private static final long D = OfferBank.DAY;
    private static final long S = OfferBank.START;

    private static TrainingSplits splits(Database db, String pql) {
        TrainingTableBuilder b = new TrainingTableBuilder(db, PredictiveQuery.parse(pql, db.schema()));
        return new TrainingSplits(b.build("train", List.of(S + 120 * D, S + 180 * D, S + 240 * D)),
                b.build("val", List.of(S + 270 * D)), b.build("test", List.of(S + 300 * D)));
    }

    @Test
    void theActionIsEveryCategoricalColumnTheConditionDoesNotRead() {
        Database db = OfferBank.generate(10, 1, null);
        ActionSpace actions = ActionSpace.forArgMax(PredictiveQuery.parse(OfferBank.NBA, db.schema()), db,
                splits(db, OfferBank.NBA).train());
        assertEquals(List.of("offer", "channel"), actions.columns());
        assertEquals(8, actions.size());
        assertEquals("o1 / app", actions.describe(0));
        assertEquals("o4 / branch", actions.describe(7));
        int row = 0;
        assertEquals(OfferBank.OFFERS.get((int) ((org.relgraph.table.CategoricalColumn) db.table("interactions")
                .requireColumn("offer")).code(row)) + " / " + ((org.relgraph.table.CategoricalColumn) db
                .table("interactions").requireColumn("channel")).get(row),
                actions.describe(actions.lookup(db.table("interactions")).actionOf(row)));
    }

    @Test
    void nextBestActionFromPastAcceptancesBeatsPopularity() {
        Database db = OfferBank.generate(400, 3, null);
        PredictiveQuery q = PredictiveQuery.parse(OfferBank.NBA, db.schema());
        TrainingSplits splits = splits(db, OfferBank.NBA);
        try (CfModel cf = CfModel.train(db, q, splits, 1, line -> { })) {
            double map = cf.metrics().get("test_map@3");
            assertTrue(cf.weights().own() > 0 || cf.weights().neighbours() > 0, "history should be chosen over "
                    + "popularity alone: " + cf.weights());
            assertTrue(cf.metrics().get("test_candidate_auroc") > 0.75, cf.metrics().toString());
            cf.useWeights(CfWeights.GRID[0]);
            double popularity = cf.evaluate(splits.test()).get("map@3");
            assertTrue(map > popularity + 0.1, "cf MAP@3 " + map + " vs popularity " + popularity);
        }
    }

    @Test
    void historyAtOrAfterTheAnchorIsNeverRead() {
        // One extra acceptance of a disliked offer exactly at the as-of time: invisible then, visible a moment later.
        long asOf = S + 300 * D;
        Database plain = OfferBank.generate(50, 5, null);
        Database extra = OfferBank.generate(50, 5, new long[] {0, 3, 1, 0, asOf});
        TrainingSplits splits = splits(plain, OfferBank.NBA);
        try (CfModel a = CfModel.train(plain, PredictiveQuery.parse(OfferBank.NBA, plain.schema()), splits, 1,
                line -> { });
             CfModel b = CfModel.train(extra, PredictiveQuery.parse(OfferBank.NBA, extra.schema()),
                     splits(extra, OfferBank.NBA), 1, line -> { })) {
            b.useWeights(a.weights());
            int[] rows = {0, 1, 2};
            assertArrayEquals(a.score(rows, asOf), b.score(rows, asOf));
            assertEquals(a.recommend(rows, asOf, 8), b.recommend(rows, asOf, 8));
            assertNotEquals(a.recommend(rows, asOf + 1, 8), b.recommend(rows, asOf + 1, 8),
                    "the extra acceptance counts once it is in the past");
        }
    }

    @Test
    void listDistinctRanksReferencedRowsAndRoundTripsThroughTheLoader(@TempDir Path dir) throws Exception {
        Database db = OfferBank.generate(200, 7, null);
        PredictiveQuery q = PredictiveQuery.parse(OfferBank.NEXT_PRODUCTS, db.schema());
        TrainingSplits splits = splits(db, OfferBank.NEXT_PRODUCTS);
        Map<String, Double> test;
        try (CfModel cf = CfModel.train(db, q, splits, 1, line -> { })) {
            test = cf.evaluate(splits.test());
            assertTrue(test.get("map@2") > 0 && test.get("map@2") <= 1, test.toString());
            assertEquals("3", cf.itemLabel(3));
            cf.save(dir.resolve("cf"));
        }
        try (EntityModel loaded = ModelLoader.load(dir.resolve("cf"), db)) {
            assertEquals("cf", loaded.kind());
            assertEquals(test, loaded.evaluate(splits.test()));
        }
    }
}
