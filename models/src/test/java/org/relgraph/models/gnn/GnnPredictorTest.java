package org.relgraph.models.gnn;

import org.relgraph.gnn.testdata.ShopData;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingProgress;
import org.relgraph.query.TrainingSplits;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.Table;

class GnnPredictorTest {
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(5).withPatience(2).withLearningRate(1e-2);
    private static final long SCORE_TIME = ShopData.START + 330 * ShopData.DAY;

    private static Database db;
    private static GnnPredictor predictor;
    private static final List<TrainingProgress> batches = new ArrayList<>();
    private static final List<TrainingProgress> epochs = new ArrayList<>();
    /** Per scoring report during training: split, done, total. */
    private static final List<String> scoring = new ArrayList<>();
    private static TrainingSplits splits;

    @BeforeAll
    static void train() {
        db = ShopData.database(200, 11);
        splits = ShopData.splits(db);
        predictor = GnnPredictor.train(db, ShopData.query(db), splits, SMALL, new TrainingListener() {
            @Override
            public void onBatchEnd(TrainingProgress p) {
                batches.add(p);
            }

            @Override
            public void onEpochEnd(TrainingProgress p) {
                epochs.add(p);
            }

            @Override
            public void onScoring(String split, int done, int total) {
                scoring.add(split + " " + done + " " + total);
            }
        });
    }

    @AfterAll
    static void close() {
        predictor.close();
    }

    private static int[] allCustomers() {
        int[] rows = new int[db.table("customers").rowCount()];
        java.util.Arrays.setAll(rows, i -> i);
        return rows;
    }

    @Test
    void learnsTheQueryWellAboveChanceAndReportsMetrics() {
        assertTrue(predictor.metrics().get("test_auroc") > 0.8, "metrics " + predictor.metrics());
        assertEquals(200.0, predictor.metrics().get("test_count"));
        assertFalse(batches.isEmpty());
        TrainingProgress first = batches.get(0);
        assertTrue(first.seedsPerSecond() > 0 && Double.isNaN(first.valMetric()) && first.batches() > 1,
                first.toString());
    }

    @Test
    void binaryScoresAreCalibratedOnValidation() {
        assertTrue(predictor.calibration().isPresent(), "a binary model fits Platt scaling on validation");
        // Platt's intercept is fitted by maximum likelihood, so on the fit split the mean probability matches the
        // observed rate (up to the small L2 pull).
        double rate = predictor.metrics().get("val_positive_rate");
        double meanPredicted = predictor.metrics().get("val_mean_predicted");
        assertEquals(rate, meanPredicted, 0.03, predictor.metrics().toString());
    }

    @Test
    void trainingScoresValidationOncePerEpochAndTestOnce() {
        int val = splits.val().size();
        int test = splits.test().size();
        assertTrue(val > 128 && test > 128, "several batches per pass");
        long valPasses = scoring.stream().filter(e -> e.equals("val " + val + " " + val)).count();
        long testPasses = scoring.stream().filter(e -> e.equals("test " + test + " " + test)).count();
        assertEquals(epochs.size(), valPasses, "the early-stopping passes only: calibration and val metrics reuse "
                + "the best epoch's; " + scoring);
        assertEquals(1, testPasses, scoring.toString());
        // Each pass reports after every batch, rising to its total.
        List<String> lastTest = scoring.subList(scoring.size() - 2, scoring.size());
        assertEquals(List.of("test 128 " + test, "test " + test + " " + test), lastTest);
    }

    @Test
    void valMetricsEqualAFreshEvaluationOfTheTrainedModel() {
        Map<String, Double> fresh = predictor.evaluate(splits.val());
        assertTrue(fresh.size() > 3, fresh.toString());
        fresh.forEach((k, v) -> assertEquals(v, predictor.metrics().get("val_" + k), "val_" + k));
        predictor.evaluate(splits.test()).forEach((k, v) -> assertEquals(v, predictor.metrics().get("test_" + k),
                "test_" + k));
    }

    @Test
    void scoringReportsRisingCountsEndingAtTheTotalAndScoresAlike() {
        int[] all = allCustomers();
        List<Integer> counts = new ArrayList<>();
        double[] scores = predictor.score(all, SCORE_TIME, counts::add);
        assertArrayEquals(predictor.score(all, SCORE_TIME), scores);
        assertTrue(counts.size() > 1, counts.toString());
        for (int i = 1; i < counts.size(); i++) {
            assertTrue(counts.get(i) > counts.get(i - 1), counts.toString());
        }
        assertEquals(all.length, counts.get(counts.size() - 1));
    }

    @Test
    void scoresAreProbabilitiesAndDependOnTheEntity() {
        double[] s = predictor.score(allCustomers(), SCORE_TIME);
        assertTrue(java.util.Arrays.stream(s).allMatch(p -> p >= 0 && p <= 1));
        assertTrue(java.util.Arrays.stream(s).distinct().count() > 100, "scores should differ between customers");
    }

    @Test
    void savedAndReloadedModelGivesIdenticalScores(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("model");
        predictor.save(dir);
        predictor.save(dir); // replacing an existing bundle works and leaves no temporary folders behind
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertEquals(List.of(dir), siblings.toList());
        }
        try (GnnPredictor loaded = GnnPredictor.load(dir, db)) {
            assertArrayEquals(predictor.score(allCustomers(), SCORE_TIME), loaded.score(allCustomers(), SCORE_TIME));
            assertEquals(predictor.metrics(), loaded.metrics());
            assertEquals(predictor.config(), loaded.config());
            assertEquals(predictor.provenance(), loaded.provenance());
        }
    }

    @Test
    void refusesABundleWithAFlippedByte(@TempDir Path tmp) throws IOException {
        Path dir = saved(tmp);
        Path weights = dir.resolve("weights.bin");
        byte[] b = Files.readAllBytes(weights);
        b[b.length / 2] ^= 0x01;
        Files.write(weights, b);
        SchemaException e = assertThrows(SchemaException.class, () -> GnnPredictor.load(dir, db));
        assertTrue(e.getMessage().contains("weights.bin") && e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void refusesATruncatedBundle(@TempDir Path tmp) throws IOException {
        Path dir = saved(tmp);
        Path weights = dir.resolve("weights.bin");
        byte[] b = Files.readAllBytes(weights);
        Files.write(weights, java.util.Arrays.copyOf(b, b.length - 100));
        SchemaException e = assertThrows(SchemaException.class, () -> GnnPredictor.load(dir, db));
        assertTrue(e.getMessage().contains("weights.bin"), e.getMessage());
    }

    @Test
    void refusesABundleWithoutItsInfoFile(@TempDir Path tmp) throws IOException {
        Path dir = saved(tmp);
        Files.delete(dir.resolve("bundle.json"));
        SchemaException e = assertThrows(SchemaException.class, () -> GnnPredictor.load(dir, db));
        assertTrue(e.getMessage().contains("bundle.json is missing"), e.getMessage());
    }

    @Test
    void loadingAgainstDataMissingATrainedColumnNamesIt(@TempDir Path tmp) throws IOException {
        Path dir = saved(tmp);
        SchemaException e = assertThrows(SchemaException.class, () -> GnnPredictor.load(dir, withoutColumn(db,
                "transactions", "amount")));
        assertTrue(e.getMessage().contains("transactions") && e.getMessage().contains("amount"), e.getMessage());
    }

    @Test
    void loadingAgainstDataMissingATrainedTableNamesIt(@TempDir Path tmp) throws IOException {
        Path dir = saved(tmp);
        Table customers = db.table("customers");
        Database onlyCustomers = new Database(new Schema(List.of(customers.schema())), List.of(customers));
        SchemaException e = assertThrows(SchemaException.class, () -> GnnPredictor.load(dir, onlyCustomers));
        assertTrue(e.getMessage().contains("'transactions'"), e.getMessage());
    }

    @Test
    void trainingTwiceWithOneSeedGivesTheSameModel() {
        GnnConfig quick = SMALL.withEpochs(1);
        TrainingSplits splits = ShopData.splits(db);
        try (GnnPredictor a = GnnPredictor.train(db, ShopData.query(db), splits, quick, TrainingListener.NONE);
             GnnPredictor b = GnnPredictor.train(db, ShopData.query(db), splits, quick, TrainingListener.NONE)) {
            assertArrayEquals(a.score(allCustomers(), SCORE_TIME), b.score(allCustomers(), SCORE_TIME));
            assertEquals(a.metrics(), b.metrics());
        }
    }

    private static Path saved(Path tmp) throws IOException {
        Path dir = tmp.resolve("model");
        predictor.save(dir);
        return dir;
    }

    private static Database withoutColumn(Database source, String tableName, String column) {
        List<Table> tables = new ArrayList<>();
        for (Table t : source.tables()) {
            if (!t.name().equals(tableName)) {
                tables.add(t);
                continue;
            }
            List<Column> kept = t.columns().stream().filter(c -> !c.name().equals(column)).toList();
            List<ColumnSchema> schema = t.schema().columns().stream().filter(c -> !c.name().equals(column)).toList();
            TableSchema s = t.schema();
            tables.add(new Table(new TableSchema(s.name(), schema, s.primaryKey(), s.timeColumn(), s.foreignKeys()),
                    kept));
        }
        return new Database(new Schema(tables.stream().map(Table::schema).toList()), tables);
    }
}
