package org.relgraph.models.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/** Baselines behind the common model contract: trained, calibrated, saved, loaded by kind and scored as of a date. */
class BaselineModelTest {
    private static Database db;
    private static PredictiveQuery query;
    private static TrainingSplits splits;

    @BeforeAll
    static void bank() {
        db = ActivityBank.generate(300, 5).database();
        query = PredictiveQuery.parse(ActivityBank.BUSY_NEXT_MONTH, db.schema());
        TrainingTableBuilder b = new TrainingTableBuilder(db, query);
        long d = ActivityBank.DAY;
        long s = ActivityBank.START;
        splits = new TrainingSplits(b.build("train", List.of(s + 90 * d, s + 150 * d, s + 210 * d)),
                b.build("val", List.of(s + 270 * d)), b.build("test", List.of(s + 330 * d)));
    }

    @Test
    void trainingPredictsValidationOnceForCalibrationAndMetrics() {
        Map<String, Integer> predictions = new java.util.HashMap<>();
        TabularKind counting = new TabularKind() {
            @Override
            public String id() {
                return "counting-rules";
            }

            @Override
            TabularPredictor createPredictor(Database d, PredictiveQuery q, long seed, int threads, long cutoff) {
                return countingPredictions(RulesKind.INSTANCE.createPredictor(d, q, seed, threads, cutoff),
                        predictions);
            }

            @Override
            TabularPredictor loadPredictor(Path dir, Database d) {
                throw new UnsupportedOperationException("not saved in this test");
            }

            @Override
            public int inputHops(Object settings) {
                return 1;
            }
        };
        List<String> lines = new ArrayList<>();
        try (BaselineModel m = BaselineModel.train(db, query, splits, counting, 7, 1, lines::add)) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("Platt calibration fitted")), lines.toString());
            assertEquals(Map.of("val", 1, "test", 1), predictions, "calibration and val metrics share one pass");
            m.evaluate(splits.val()).forEach((k, v) -> assertEquals(v, m.metrics().get("val_" + k), "val_" + k));
        }
    }

    /** {@code inner}, counting its predictions per split in {@code counts}. */
    private static TabularPredictor countingPredictions(TabularPredictor inner, Map<String, Integer> counts) {
        return new TabularPredictor() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public void fit(TrainingSplits s) {
                inner.fit(s);
            }

            @Override
            public double[] predict(TrainingTable table) {
                counts.merge(table.split(), 1, Integer::sum);
                return inner.predict(table);
            }

            @Override
            public java.util.function.Function<org.relgraph.models.features.InputMask, double[]> maskedPredictions(
                    TrainingTable table) {
                return inner.maskedPredictions(table);
            }

            @Override
            public void saveInto(Path folder) throws java.io.IOException {
                inner.saveInto(folder);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    @Test
    void everyBaselineRoundTripsThroughTheLoaderWithTheSameScoresAndMetrics(@TempDir Path dir) throws Exception {
        for (TabularKind kind : List.of(RulesKind.INSTANCE, EntityGbdtKind.INSTANCE, FlatXgboostKind.INSTANCE)) {
            Path folder = dir.resolve(kind.id());
            double[] expected;
            Map<String, Double> testMetrics;
            try (BaselineModel m = BaselineModel.train(db, query, splits, kind, 7, 1, line -> { })) {
                assertTrue(m.metrics().containsKey("test_auroc") && m.metrics().containsKey("val_lift@20%"),
                        kind + " records the same metric names as the GNN: " + m.metrics().keySet());
                assertTrue(m.metrics().get("train_seconds") >= 0);
                m.save(folder);
                expected = m.score(new int[] {0, 1, 2, 3}, ActivityBank.START + 300 * ActivityBank.DAY);
                testMetrics = m.evaluate(splits.test());
            }
            try (EntityModel loaded = ModelLoader.load(folder, db)) {
                assertEquals(kind.id(), loaded.kind());
                assertEquals(splits.test().anchors(), loaded.splitAnchors().test());
                assertArrayEquals(expected, loaded.score(new int[] {0, 1, 2, 3},
                        ActivityBank.START + 300 * ActivityBank.DAY), 1e-12);
                assertEquals(testMetrics, loaded.evaluate(splits.test()));
            }
        }
    }

    @Test
    void flatXgboostFindsRecentActivityAndItsProbabilitiesAreCalibratedOnVal() {
        try (BaselineModel m = BaselineModel.train(db, query, splits, FlatXgboostKind.INSTANCE, 7, 1, line -> { })) {
            assertTrue(m.metrics().get("test_auroc") > 0.8, m.metrics().toString());
            // Platt scaling on val: the mean calibrated probability on val matches val's positive rate closely.
            double rate = 0;
            for (int i = 0; i < splits.val().size(); i++) {
                rate += splits.val().label(i);
            }
            rate /= splits.val().size();
            assertEquals(rate, m.metrics().get("val_mean_predicted"), 0.03);
        }
    }

    @Test
    void scoringAsOfADateUsesOnlyDataKnownThen(@TempDir Path dir) {
        // Scores as of the test anchor equal the predictions on the test table's examples of the same entities.
        try (BaselineModel m = BaselineModel.train(db, query, splits, FlatXgboostKind.INSTANCE, 7, 1, line -> { })) {
            TrainingTable test = splits.test();
            int[] rows = new int[test.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = test.entityRow(i);
            }
            assertArrayEquals(m.predict(test), m.score(rows, test.anchorTime(0)), 1e-12);
        }
    }

    @Test
    void aDamagedBaselineBundleIsRefusedWithAHint(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("rules");
        try (BaselineModel m = BaselineModel.train(db, query, splits, RulesKind.INSTANCE, 7, 1, line -> { })) {
            m.save(folder);
        }
        Path rules = folder.resolve(SavedRules.FILE);
        Files.writeString(rules, Files.readString(rules).replace("0.", "0.9"));
        SchemaException e = assertThrows(SchemaException.class, () -> ModelLoader.load(folder, db));
        assertTrue(e.getMessage().contains("rules.json") && e.getMessage().contains("damaged"), e.getMessage());
        List<Path> left = new ArrayList<>();
        try (var files = Files.list(dir)) {
            files.forEach(left::add);
        }
        assertEquals(1, left.size(), "no temporary folders left behind: " + left);
    }
}
