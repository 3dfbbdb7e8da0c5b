package org.relgraph.models.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.table.Database;

class XgboostBaselinesTest {
    /** One thread: the test machine is shared, and OpenMP threads that wait for a busy core crawl. */
    private static final XgboostSettings SETTINGS = XgboostSettings.defaults().withThreads(1);
    private static Database db;
    private static TrainingSplits splits;

    @BeforeAll
    static void bank() {
        db = ActivityBank.generate(300, 5).database();
        splits = new TrainingSplits(ActivityBank.examples(db, "train", 30, 90, 150, 210),
                ActivityBank.examples(db, "val", 270), ActivityBank.examples(db, "test", 330));
    }

    private static GradientBoostedBaseline flat() {
        return GradientBoostedBaseline.flatXgboost(db, "customers", FeatureOptions.defaults(), SETTINGS);
    }

    @Test
    void recentActivityIsFoundByFlatFeaturesAndMissedByEntityColumns() {
        double flat;
        try (GradientBoostedBaseline p = flat()) {
            p.fit(splits);
            flat = Auroc.of(splits.test(), p.predict(splits.test()));
            assertTrue(p.featureImportance().keySet().stream().anyMatch(f -> f.startsWith("transactions.count")),
                    "the model should split on transaction counts: " + p.featureImportance().keySet());
        }
        double entity;
        try (GradientBoostedBaseline p = GradientBoostedBaseline.entityColumnsOnly(db, "customers", SETTINGS)) {
            p.fit(splits);
            entity = Auroc.of(splits.test(), p.predict(splits.test()));
        }
        assertTrue(flat > 0.85, "flat-xgboost AUROC " + flat);
        assertTrue(Math.abs(entity - 0.5) < 0.1, "entity-gbdt AUROC " + entity);
    }

    @Test
    void multiclassPredictionsAreClassCodesSeenInTraining() {
        PredictiveQuery query = PredictiveQuery.parse(
                "PREDICT FIRST(transactions.channel, 0, 30, days) FOR EACH customers.customer_id", db.schema());
        TrainingTableBuilder builder = new TrainingTableBuilder(db, query);
        long day = ActivityBank.DAY;
        TrainingSplits channels = new TrainingSplits(
                builder.build("train", List.of(ActivityBank.START + 90 * day, ActivityBank.START + 150 * day)),
                builder.build("val", List.of(ActivityBank.START + 270 * day)),
                builder.build("test", List.of(ActivityBank.START + 330 * day)));
        Set<Double> trainClasses = new HashSet<>();
        for (int i = 0; i < channels.train().size(); i++) {
            trainClasses.add(channels.train().label(i));
        }
        try (GradientBoostedBaseline p = flat()) {
            p.fit(channels);
            for (double predicted : p.predict(channels.test())) {
                assertTrue(trainClasses.contains(predicted), "predicted class " + predicted);
            }
        }
    }

    @Test
    void validationChoosesAmongTheCandidateSettings() {
        // One round of stumps with a tiny step barely moves from the base score: a worse validation AUROC.
        XgboostSettings weak = SETTINGS.withTreeShape(1, 1).withMaxRounds(1);
        double chosenScore;
        try (GradientBoostedBaseline p = GradientBoostedBaseline.flatXgboost(db, "customers",
                FeatureOptions.defaults(), List.of(weak, SETTINGS))) {
            p.fit(splits);
            assertEquals(SETTINGS, p.settings());
            chosenScore = Auroc.of(splits.val(), p.predict(splits.val()));
        }
        try (GradientBoostedBaseline p = GradientBoostedBaseline.flatXgboost(db, "customers",
                FeatureOptions.defaults(), weak)) {
            p.fit(splits);
            assertTrue(chosenScore > Auroc.of(splits.val(), p.predict(splits.val())));
        }
    }

    @Test
    void theFlatXgboostKindDerivesStatistics() {
        PredictiveQuery query = PredictiveQuery.parse(ActivityBank.BUSY_NEXT_MONTH, db.schema());
        try (GradientBoostedBaseline p = (GradientBoostedBaseline) FlatXgboostKind.INSTANCE.createPredictor(db, query,
                42, 1, FeatureOptions.NO_CUTOFF)) {
            assertTrue(p.featureOptions().derived().lastRows().contains(3));
            assertTrue(p.featureOptions().derived().categoryShares());
            p.fit(splits);
            assertTrue(p.featureImportance().keySet().stream().anyMatch(f -> f.contains("rows_") || f.contains("share")
                    || f.contains("halflife")), "no derived statistic used: " + p.featureImportance().keySet());
        }
    }

    @Test
    void theGridStartsWithTheGivenSettingsAndVariesOnlyTheTreeShape() {
        List<XgboostSettings> grid = SETTINGS.treeShapeGrid();
        assertEquals(SETTINGS, grid.get(0));
        assertEquals(grid.size(), new HashSet<>(grid).size());
        for (XgboostSettings s : grid) {
            assertEquals(SETTINGS.withTreeShape(s.maxDepth(), s.minChildWeight()).withColumnSample(s.colsampleBytree()),
                    s);
        }
    }

    @Test
    void twoFitsPredictTheSame() {
        try (GradientBoostedBaseline first = flat();
             GradientBoostedBaseline second = flat()) {
            first.fit(splits);
            second.fit(splits);
            assertArrayEquals(first.predict(splits.test()), second.predict(splits.test()));
        }
    }

    @Test
    void aSavedModelPredictsTheSameAfterLoading(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("model");
        try (GradientBoostedBaseline trained = flat()) {
            trained.fit(splits);
            trained.save(folder);
            trained.save(folder); // overwriting an existing folder must work too
            double[] expected = trained.predict(splits.test());
            try (GradientBoostedBaseline loaded = GradientBoostedBaseline.load(folder, db)) {
                assertArrayEquals(expected, loaded.predict(splits.test()));
                assertEquals(GradientBoostedBaseline.FLAT_XGBOOST, loaded.name(), "the folder says what it holds");
            }
        }
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary folders left behind");
        }
    }
}
