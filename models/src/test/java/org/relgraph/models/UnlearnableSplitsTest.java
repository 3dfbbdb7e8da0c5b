package org.relgraph.models;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.relgraph.models.baseline.RulesKind;
import org.relgraph.models.baseline.EntityGbdtKind;
import org.relgraph.models.baseline.FlatXgboostKind;
import org.relgraph.models.baseline.TabularKind;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.baseline.FlatXgboostRankingModel;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.GnnRanker;
import org.relgraph.models.rank.CfModel;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/** Every model kind refuses splits it can neither learn from nor be measured on, before it fits anything. */
class UnlearnableSplitsTest {
    private static final GnnConfig ONE_EPOCH = GnnConfig.defaults().withEpochs(1).withHidden(8);

    private static TrainingSplits splits(Database db, PredictiveQuery q, long start, long day, int... days) {
        TrainingTableBuilder b = new TrainingTableBuilder(db, q);
        List<Long> train = new ArrayList<>();
        for (int i = 0; i < days.length - 2; i++) {
            train.add(start + days[i] * day);
        }
        return new TrainingSplits(b.build("train", train), b.build("val", List.of(start + days[days.length - 2] * day)),
                b.build("test", List.of(start + days[days.length - 1] * day)));
    }

    private static void refused(String expectedStart, Executable train) {
        SchemaException e = assertThrows(SchemaException.class, train);
        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
        assertTrue(e.hint().contains("widen the window"), e.hint());
    }

    @Test
    void everyEntityModelRefusesASplitWithoutPositives() {
        Database db = ActivityBank.generate(60, 5).database();
        PredictiveQuery q = PredictiveQuery.parse("PREDICT COUNT(transactions.*, 0, 30, days) > 100000 "
                + "FOR EACH customers.customer_id", db.schema());
        TrainingSplits s = splits(db, q, ActivityBank.START, ActivityBank.DAY, 90, 150, 270, 330);
        String expected = "the train split has only negative labels";
        refused(expected, () -> GnnPredictor.train(db, q, s, ONE_EPOCH, TrainingListener.NONE).close());
        for (TabularKind kind : List.of(RulesKind.INSTANCE, EntityGbdtKind.INSTANCE, FlatXgboostKind.INSTANCE)) {
            refused(expected, () -> BaselineModel.train(db, q, s, kind, 7, 1, line -> { }).close());
        }
    }

    @Test
    void everyRankerRefusesASplitInWhichNobodyAccepted() {
        Database db = OfferHistory.database(60, 5);
        PredictiveQuery q = PredictiveQuery.parse("PREDICT ARGMAX(offers.outcome = 'Acepted', 0, 30, days) "
                + "FOR EACH customers.customer_id", db.schema());
        TrainingSplits s = splits(db, q, OfferHistory.START, OfferHistory.DAY, 60, 90, 270, 310);
        String expected = "the train split has no entity that accepted anything";
        refused(expected, () -> GnnRanker.train(db, q, s, ONE_EPOCH, TrainingListener.NONE).close());
        refused(expected, () -> FlatXgboostRankingModel.train(db, q, s, 7, 1, FeatureOptions.NO_CUTOFF,
                line -> { }).close());
        refused(expected, () -> CfModel.train(db, q, s, 7, line -> { }).close());
    }
}
