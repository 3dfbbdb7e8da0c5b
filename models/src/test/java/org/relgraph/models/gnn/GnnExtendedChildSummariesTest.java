package org.relgraph.models.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/** {@code --extended-child-summaries}: recorded in the bundle's config and encoding, reproduced on reload. */
class GnnExtendedChildSummariesTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(1).withPatience(1).withLearningRate(1e-2);
    private static final long SCORE_TIME = ShopData.START + 330 * ShopData.DAY;

    @Test
    void theBundleRecordsItAndAReloadedModelScoresTheSame(@TempDir Path tmp) throws IOException {
        Database db = ShopData.database(120, 11);
        TrainingSplits splits = ShopData.splits(db);
        int[] customers = new int[db.table("customers").rowCount()];
        java.util.Arrays.setAll(customers, i -> i);
        Path extendedDir = tmp.resolve("extended");
        Path plainDir = tmp.resolve("plain");
        try (GnnPredictor extended = GnnPredictor.train(db, ShopData.query(db), splits,
                SMALL.withExtendedChildSummaries(true), TrainingListener.NONE);
             GnnPredictor plain = GnnPredictor.train(db, ShopData.query(db), splits, SMALL, TrainingListener.NONE)) {
            extended.save(extendedDir);
            plain.save(plainDir);
            try (GnnPredictor loaded = GnnPredictor.load(extendedDir, db)) {
                assertTrue(loaded.config().extendedChildSummariesOn());
                assertArrayEquals(extended.score(customers, SCORE_TIME), loaded.score(customers, SCORE_TIME));
            }
            assertFalse(java.util.Arrays.equals(plain.score(customers, SCORE_TIME),
                    extended.score(customers, SCORE_TIME)), "the same seed with and without the windowed sums");
        }
        ObjectMapper json = new ObjectMapper();
        JsonNode task = json.readTree(extendedDir.resolve("bundle.json").toFile()).path("config").path("task");
        assertTrue(task.path("extendedChildSummaries").asBoolean(false), task.toString());
        assertTrue(Files.readString(extendedDir.resolve(ModelBundle.ENCODING_FILE)).contains("\"windowSums\" : true"));
        // a model trained without it writes neither field: its bundle reads as one from before the option
        JsonNode plainTask = json.readTree(plainDir.resolve("bundle.json").toFile()).path("config").path("task");
        assertFalse(plainTask.has("extendedChildSummaries"), plainTask.toString());
        assertFalse(Files.readString(plainDir.resolve(ModelBundle.ENCODING_FILE)).contains("windowSums"));
    }
}
