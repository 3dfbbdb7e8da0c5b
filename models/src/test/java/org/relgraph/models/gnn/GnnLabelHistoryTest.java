package org.relgraph.models.gnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.Reason;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/** A GNN reading the entity's own past labels: recorded in its bundle, reproduced on reload, named in reasons. */
class GnnLabelHistoryTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(2).withPatience(2).withLearningRate(1e-2);
    private static final long SCORE_TIME = ShopData.START + 330 * ShopData.DAY;

    private static Database db;
    private static TrainingSplits splits;
    private static GnnPredictor withHistory;

    @BeforeAll
    static void train() {
        db = ShopData.database(120, 11);
        splits = ShopData.splits(db);
        withHistory = GnnPredictor.train(db, ShopData.query(db), splits, SMALL.withLabelHistory(true),
                TrainingListener.NONE);
    }

    @AfterAll
    static void close() {
        withHistory.close();
    }

    private static int[] allCustomers() {
        int[] rows = new int[db.table("customers").rowCount()];
        java.util.Arrays.setAll(rows, i -> i);
        return rows;
    }

    @Test
    void theBundleRecordsItAndAReloadedModelScoresTheSame(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("model");
        withHistory.save(dir);
        try (GnnPredictor loaded = GnnPredictor.load(dir, db)) {
            assertEquals(Boolean.TRUE, loaded.config().labelHistory());
            assertArrayEquals(withHistory.score(allCustomers(), SCORE_TIME), loaded.score(allCustomers(), SCORE_TIME));
            assertEquals(withHistory.metrics(), loaded.metrics());
        }
    }

    @Test
    void theModelReadsItAndTheDefaultIsResolvedBeforeTraining() {
        try (GnnPredictor plain = GnnPredictor.train(db, ShopData.query(db), splits, SMALL, TrainingListener.NONE)) {
            assertEquals(GnnPredictor.LABEL_HISTORY_DEFAULT, plain.config().labelHistory(),
                    "the bundle says what was used, not null");
            assertFalse(java.util.Arrays.equals(plain.score(allCustomers(), SCORE_TIME),
                    withHistory.score(allCustomers(), SCORE_TIME)), "the same seed with and without label history");
        }
    }

    @Test
    void explanationsNameTheStatisticAndItsValue() {
        List<EntityExplanation> explanations = withHistory.explain(new int[] {0, 1, 2}, SCORE_TIME, 0, done -> { });
        List<String> history = explanations.stream().flatMap(e -> e.reasons().stream()).map(Reason::description)
                .filter(d -> d.startsWith("label history: ")).toList();
        assertFalse(history.isEmpty(), "no label-history reason among " + explanations.get(0).reasons());
        assertTrue(history.stream().anyMatch(d -> d.matches("label history: number of past labelled windows = \\d+")),
                history.toString());
    }
}
