package org.relgraph.models.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingProgress;
import org.relgraph.query.TrainingSplits;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/** Training interrupted after an epoch and resumed from its checkpoint ends with the uninterrupted run's model. */
class GnnPredictorResumeTest {
    private static final GnnConfig CONFIG = GnnConfig.defaults().withHidden(16).withFanouts(8, 4)
            .withBatchSize(128).withEpochs(4).withPatience(4).withLearningRate(1e-2);
    private static final long SCORE_TIME = ShopData.START + 330 * ShopData.DAY;

    private static Database db;
    private static TrainingSplits splits;

    @BeforeAll
    static void data() {
        db = ShopData.database(200, 5);
        splits = ShopData.splits(db);
    }

    /** Stops the run the way a kill would: after epoch {@code k}'s checkpoint, before anything else. */
    private static TrainingListener crashAfter(int k) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingProgress p) {
                if (p.epoch() == k) {
                    throw new IllegalStateException("simulated crash after epoch " + k);
                }
            }
        };
    }

    private static int[] allCustomers() {
        int[] rows = new int[db.table("customers").rowCount()];
        java.util.Arrays.setAll(rows, i -> i);
        return rows;
    }

    @Test
    void resumedTrainingGivesTheUninterruptedModelAndMetrics(@TempDir Path tmp) throws IOException {
        Path model = tmp.resolve("model");
        Checkpointing fresh = Checkpointing.forModel(model, false);
        assertThrows(IllegalStateException.class, () -> GnnPredictor.train(db, ShopData.query(db), splits, CONFIG,
                crashAfter(2), fresh));
        assertTrue(Files.isDirectory(ModelBundle.checkpointDir(model)), "the crash left the epoch-2 checkpoint");

        try (GnnPredictor whole = GnnPredictor.train(db, ShopData.query(db), splits, CONFIG,
                TrainingListener.NONE);
             GnnPredictor resumed = GnnPredictor.train(db, ShopData.query(db), splits, CONFIG,
                     TrainingListener.NONE, Checkpointing.forModel(model, true))) {
            assertEquals(whole.metrics(), resumed.metrics(), "val/test metrics and best epoch, exactly");
            assertArrayEquals(whole.score(allCustomers(), SCORE_TIME), resumed.score(allCustomers(), SCORE_TIME));
            Path a = tmp.resolve("whole");
            whole.save(a);
            resumed.save(model);
            resumed.discardCheckpoint();
            assertArrayEquals(Files.readAllBytes(a.resolve("weights.bin")),
                    Files.readAllBytes(model.resolve("weights.bin")), "identical weights file");
        }
        assertFalse(Files.exists(ModelBundle.checkpointDir(model)), "no checkpoint once the model is saved");
    }

    @Test
    void resumingWithoutACheckpointSaysSo(@TempDir Path tmp) {
        SchemaException e = assertThrows(SchemaException.class, () -> GnnPredictor.train(db, ShopData.query(db),
                splits, CONFIG, TrainingListener.NONE, Checkpointing.forModel(tmp.resolve("m"), true)));
        assertTrue(e.getMessage().startsWith("there is no training checkpoint to resume from in "), e.getMessage());
        assertTrue(e.hint().contains("without --resume"), e.hint());
    }

    @Test
    void resumingWithOtherModelSettingsIsRefused(@TempDir Path tmp) {
        Path model = tmp.resolve("m");
        GnnConfig oneEpoch = CONFIG.withEpochs(1);
        GnnPredictor.train(db, ShopData.query(db), splits, oneEpoch, TrainingListener.NONE,
                Checkpointing.forModel(model, false)).close();
        SchemaException e = assertThrows(SchemaException.class, () -> GnnPredictor.train(db, ShopData.query(db),
                splits, oneEpoch.withHidden(8), TrainingListener.NONE, Checkpointing.forModel(model, true)));
        assertTrue(e.getMessage().endsWith("does not match this run's model settings"), e.getMessage());
    }
}
