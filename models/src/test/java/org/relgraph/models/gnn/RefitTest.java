package org.relgraph.models.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.table.Database;

/** {@code --refit}: retrain on train + validation for the early-stopped epoch count, never on test examples. */
class RefitTest {
    private static final GnnConfig CONFIG = GnnConfig.defaults().withHidden(16).withFanouts(8, 4)
            .withBatchSize(128).withEpochs(3).withPatience(3).withLearningRate(1e-2);

    private static Database db;
    private static TrainingSplits splits;

    @BeforeAll
    static void data() {
        db = ShopData.database(200, 5);
        splits = ShopData.splits(db);
    }

    /** Each example as "entity row @ input time = label", the way the model reads it. */
    private static List<String> examples(LabeledSeeds s) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.rows()[i] + "@" + s.times()[i] + "=" + s.labels()[i]);
        }
        return out;
    }

    private static LabeledSeeds seeds(TrainingTable t) {
        return LabeledSeeds.from(t, CONFIG, null);
    }

    @Test
    void refitExamplesAreTheTrainAndValExamplesAndNoTestExample() {
        RefitExamples refit = RefitExamples.of(splits, RefitTest::seeds);
        assertEquals(refit.seeds().size(), refit.anchors().length);
        Set<String> trainedOn = new HashSet<>();
        for (int i = 0; i < refit.seeds().size(); i++) {
            trainedOn.add(refit.seeds().rows()[i] + "@" + refit.anchors()[i]);
        }
        TrainingTable test = splits.test();
        assertTrue(test.size() > 0);
        for (int i = 0; i < test.size(); i++) {
            assertFalse(trainedOn.contains(test.entityRow(i) + "@" + test.anchorTime(i)),
                    "test example " + test.entityKey(i) + " is among the refit's examples");
        }
        List<String> expected = new ArrayList<>(examples(seeds(splits.train())));
        expected.addAll(examples(seeds(splits.val())));
        assertEquals(expected.size(), refit.seeds().size(), "train + val examples");
        assertEquals(expected, examples(refit.seeds()));
    }

    @Test
    void refitRefusesSplitsWhoseValidationReachesTheTestPeriod() {
        // Validation anchored at the test anchor: its labels are test labels.
        TrainingTableBuilder builder = new TrainingTableBuilder(db, ShopData.query(db));
        TrainingSplits leaky = new TrainingSplits(splits.train(), builder.build("val", splits.test().anchors()),
                splits.test());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RefitExamples.of(leaky, RefitTest::seeds));
        assertTrue(e.getMessage().contains("is not before the first test anchor"), e.getMessage());
    }

    @Test
    void refitKeepsTheSelectionRunsValidationAndChangesTheSavedModel(@TempDir Path tmp) throws IOException {
        try (GnnPredictor plain = GnnPredictor.train(db, ShopData.query(db), splits, CONFIG, TrainingListener.NONE);
             GnnPredictor refit = GnnPredictor.train(db, ShopData.query(db), splits, CONFIG.withRefit(true),
                     TrainingListener.NONE)) {
            // Validation is the early-stopped run's (the refit model has seen the val labels)...
            assertEquals(plain.metrics().get("best_epoch"), refit.metrics().get("best_epoch"));
            assertEquals(plain.metrics().get("val_auroc"), refit.metrics().get("val_auroc"));
            assertEquals(plain.calibration().orElseThrow(), refit.calibration().orElseThrow());
            // ...test is the refit model's, trained for that many epochs on train + val.
            assertNotEquals(plain.metrics().get("test_log_loss"), refit.metrics().get("test_log_loss"));
            assertEquals(plain.metrics().get("best_epoch"), refit.metrics().get("refit_epochs"));
            assertEquals((double) (splits.train().size() + splits.val().size()),
                    refit.metrics().get("refit_examples"));
            assertNull(plain.provenance().refit());
            assertTrue(refit.provenance().refit().contains("val metrics and calibration are from the early-stopped"),
                    refit.provenance().refit());

            Path dir = tmp.resolve("model");
            refit.save(dir);
            try (GnnPredictor loaded = GnnPredictor.load(dir, db)) {
                assertEquals(refit.provenance().refit(), loaded.provenance().refit());
                assertTrue(loaded.config().refits());
            }
        }
    }

    @Test
    void refitIsDeterministicForASeed() {
        try (GnnPredictor a = GnnPredictor.train(db, ShopData.query(db), splits, CONFIG.withRefit(true),
                TrainingListener.NONE);
             GnnPredictor b = GnnPredictor.train(db, ShopData.query(db), splits, CONFIG.withRefit(true),
                     TrainingListener.NONE)) {
            assertEquals(a.metrics(), b.metrics());
        }
    }

    @Test
    void recencyWeightsChangeTheModel() {
        try (GnnPredictor plain = GnnPredictor.train(db, ShopData.query(db), splits, CONFIG, TrainingListener.NONE);
             GnnPredictor weighted = GnnPredictor.train(db, ShopData.query(db), splits,
                     CONFIG.withRecencyHalfLifeDays(30.0), TrainingListener.NONE)) {
            assertNotEquals(plain.metrics().get("val_log_loss"), weighted.metrics().get("val_log_loss"));
        }
    }
}
