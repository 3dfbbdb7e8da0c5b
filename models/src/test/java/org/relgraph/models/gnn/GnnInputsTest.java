package org.relgraph.models.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.ensemble.EnsembleTraining;
import org.relgraph.models.ensemble.GnnEnsembleKind;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/** GNNs trained from shared {@link GnnInputs}: built once, shared only where the settings allow, same models. */
class GnnInputsTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(2).withPatience(2).withLearningRate(1e-2);

    private static Database db;
    private static TrainingSplits splits;
    private static PredictiveQuery query;

    @BeforeAll
    static void data() {
        db = ShopData.database(120, 11);
        splits = ShopData.splits(db);
        query = ShopData.query(db);
    }

    private static GnnPredictor train(GnnInputs inputs, GnnConfig config) {
        return GnnPredictor.train(inputs, query, splits, config, TrainingListener.NONE, Checkpointing.none());
    }

    @Test
    void modelsOfOtherSettingsShareTheGraphAndEncodingAndEqualModelsTrainedAlone() {
        GnnInputs inputs = GnnInputs.of(db);
        GnnConfig other = SMALL.withHidden(8).withLearningRate(3e-3).withDropout(0.1).withLayers(1).withFanouts(6);
        try (GnnPredictor first = train(inputs, SMALL); GnnPredictor second = train(inputs, other);
             GnnPredictor alone = GnnPredictor.train(db, query, splits, other, TrainingListener.NONE)) {
            assertSame(inputs.graph(), first.sampledGraph().orElseThrow());
            assertSame(inputs.graph(), second.sampledGraph().orElseThrow());
            assertSame(first.bundle().encoding(), second.bundle().encoding());
            assertNotSame(inputs.graph(), alone.sampledGraph().orElseThrow());
            assertEquals(alone.metrics(), second.metrics());
            assertEquals(alone.provenance().dataFingerprint(), second.provenance().dataFingerprint());
        }
    }

    @Test
    void aModelWhoseEncodingSettingsDifferGetsItsOwnEncoding() {
        GnnInputs inputs = GnnInputs.of(db);
        GnnConfig noSummaries = SMALL.withChildSummaries(false);
        GnnConfig cutEarlier = SMALL.withInputCutoffMs(ShopData.START + 150 * ShopData.DAY);
        try (GnnPredictor base = train(inputs, SMALL); GnnPredictor without = train(inputs, noSummaries);
             GnnPredictor cut = train(inputs, cutEarlier);
             GnnPredictor withoutAlone = GnnPredictor.train(db, query, splits, noSummaries, TrainingListener.NONE);
             GnnPredictor cutAlone = GnnPredictor.train(db, query, splits, cutEarlier, TrainingListener.NONE)) {
            assertNotSame(base.bundle().encoding(), without.bundle().encoding());
            assertNotSame(base.bundle().encoding(), cut.bundle().encoding());
            assertSame(base.sampledGraph().orElseThrow(), without.sampledGraph().orElseThrow());
            assertEquals(withoutAlone.metrics(), without.metrics());
            assertEquals(cutAlone.metrics(), cut.metrics());
        }
    }

    @Test
    void labelHistoryModelsTrainedFromSharedInputsEqualThoseTrainedAlone() {
        GnnInputs inputs = GnnInputs.of(db);
        GnnConfig history = SMALL.withLabelHistory(true);
        try (GnnPredictor first = train(inputs, history);
             GnnPredictor second = train(inputs, history.withHidden(8));
             GnnPredictor alone = GnnPredictor.train(db, query, splits, history.withHidden(8),
                     TrainingListener.NONE)) {
            assertEquals(alone.metrics(), second.metrics());
            assertSame(first.sampledGraph().orElseThrow(), second.sampledGraph().orElseThrow());
        }
    }

    @Test
    void inputsOfAnotherDatabaseAreRefused() {
        GnnInputs elsewhere = GnnInputs.of(ShopData.database(60, 3));
        TrainingRequest r = new TrainingRequest(db, query, splits, 42, 1, null,
                new GnnTraining(SMALL, null, null, elsewhere), null);
        assertThrows(IllegalArgumentException.class, () -> GnnKind.INSTANCE.train(r));
    }

    @Test
    void anEnsembleTrainsItsMembersFromTheInputsItIsGiven() {
        // Inputs of another database are refused at the first member: so the members train from the given inputs
        // (and, given none, from one set the ensemble builds for all of them) rather than each building its own.
        GnnInputs elsewhere = GnnInputs.of(ShopData.database(60, 3));
        TrainingRequest r = new TrainingRequest(db, query, splits, 42, 1, null,
                new EnsembleTraining(new GnnTraining(SMALL, null, null, elsewhere), 2, null), null);
        assertThrows(IllegalArgumentException.class, () -> GnnEnsembleKind.INSTANCE.train(r));
    }
}
