package org.relgraph.models.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.models.fixtures.ActivityBank.DAY;
import static org.relgraph.models.fixtures.ActivityBank.START;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKinds;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.api.Explanations;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * xgb-gnn-embeddings: the train rows' embeddings come from GNNs that never saw them, every embedding is as of its
 * anchor, and the bundle (trees and the full GNN) reads back whole.
 */
class XgbGnnEmbeddingsKindTest {
    private static final int CUSTOMERS = 300;
    private static final long SEED = 5;
    /** Small and short, so that the several GNN fits stay quick; seeded like the request's. */
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(8).withEpochs(2).withSeed(42);
    private static Database db;
    private static PredictiveQuery query;
    private static TrainingSplits splits;

    @BeforeAll
    static void bank() {
        db = ActivityBank.generate(CUSTOMERS, SEED).database();
        query = PredictiveQuery.parse(ActivityBank.BUSY_NEXT_MONTH, db.schema());
        splits = new TrainingSplits(ActivityBank.examples(db, "train", 90, 150, 210),
                ActivityBank.examples(db, "val", 270), ActivityBank.examples(db, "test", 330));
    }

    private static GnnEmbeddingFeatures fitted(GnnConfig config) {
        GnnEmbeddingFeatures f = new GnnEmbeddingFeatures(db, query, config, TrainingListener.NONE, 2, line -> { });
        f.fit(splits);
        return f;
    }

    private static Set<Integer> entities(TrainingTable t) {
        Set<Integer> out = new HashSet<>();
        for (int i = 0; i < t.size(); i++) {
            out.add(t.entityRow(i));
        }
        return out;
    }

    /**
     * The fold split, checked by what the features hold: the test deals the entities itself from what each fold
     * embedded, trains its own GNN on the other entities' train rows, and requires exactly its embeddings. A fold
     * GNN that also trained on the rows it embeds (e.g. on the whole train split) gives other numbers and fails this.
     */
    @Test
    void trainRowsAreEmbeddedByAGnnThatNeverSawTheirEntity() {
        try (GnnEmbeddingFeatures f = fitted(SMALL)) {
            TrainingTable train = splits.train();
            FeatureMatrix features = f.build(train, InputMask.none());
            assertEquals(train.size(), features.rows());
            assertEquals(SMALL.hidden(), features.columnCount());
            List<GnnEmbeddingFeatures.FoldFit> folds = f.foldFits();
            assertEquals(2, folds.size());
            Set<Integer> seen = new HashSet<>();
            int embeddedRows = 0;
            for (GnnEmbeddingFeatures.FoldFit fold : folds) {
                Set<Integer> held = entities(fold.embedded());
                assertTrue(seen.addAll(held), "an entity is in two folds");
                embeddedRows += fold.embedded().size();
            }
            assertEquals(entities(train), seen, "every train entity is embedded by one fold");
            assertEquals(train.size(), embeddedRows, "every train row is embedded once");
            for (GnnEmbeddingFeatures.FoldFit fold : folds) {
                Set<Integer> held = entities(fold.embedded());
                TrainingTable others = train.select(i -> !held.contains(train.entityRow(i)));
                assertTrue(held.size() > 10 && others.size() > 10, "both sides of the fold hold rows");
                try (GnnPredictor own = GnnPredictor.train(db, query, new TrainingSplits(others, splits.val(),
                        splits.val()), SMALL, TrainingListener.NONE, Checkpointing.none())) {
                    float[][] expected = own.embeddings(train);
                    for (int i = 0; i < train.size(); i++) {
                        if (!held.contains(train.entityRow(i))) {
                            continue;
                        }
                        for (int c = 0; c < SMALL.hidden(); c++) {
                            // Batches of other sizes round differently in the last bits; another GNN is far off.
                            assertEquals(expected[i][c], features.get(i, c), 1e-4f * Math.max(1f,
                                    Math.abs(expected[i][c])), "train row " + i + " is not the held-out fold GNN's "
                                    + "embedding");
                        }
                    }
                }
            }
            // And they are not what the GNN trained on all train rows (the one val and test use) gives them.
            float[][] full = f.fullGnn().embeddings(train);
            float[] flat = new float[full.length * SMALL.hidden()];
            for (int i = 0; i < full.length; i++) {
                System.arraycopy(full[i], 0, flat, i * SMALL.hidden(), SMALL.hidden());
            }
            assertFalse(java.util.Arrays.equals(flat, features.values()));
            // Val rows (any table but the fitted train table) are the full GNN's.
            FeatureMatrix val = f.build(splits.val(), InputMask.none());
            float[][] fullVal = f.fullGnn().embeddings(splits.val());
            assertEquals(fullVal[3][5], val.get(3, 5), 0f);
        }
    }

    @Test
    void foldsSplitEntitiesAndDependOnTheSeedAlone() {
        TrainingTable train = splits.train();
        Map<Integer, Integer> a = GnnEmbeddingFeatures.entityFolds(train, 2, 42);
        assertEquals(a, GnnEmbeddingFeatures.entityFolds(train, 2, 42));
        assertFalse(a.equals(GnnEmbeddingFeatures.entityFolds(train, 2, 7)));
        long zeros = a.values().stream().filter(v -> v == 0).count();
        assertTrue(Math.abs(2 * zeros - a.size()) <= 1, "folds differ by one entity at most");
    }

    /** The same bank with, for every customer, a large transaction on a new channel one day after {@code day}. */
    private static Database withRowsAfter(int day) {
        ActivityBank bank = ActivityBank.generate(CUSTOMERS, SEED);
        for (int c = 0; c < CUSTOMERS; c++) {
            bank.addTransaction(c, 0, START + (day + 1) * DAY, 99_999, 3);
        }
        return bank.database();
    }

    @Test
    void aChildRowNewerThanTheAnchorNeverChangesAnEmbedding(@TempDir Path dir) throws Exception {
        try (GnnEmbeddingFeatures f = fitted(SMALL)) {
            f.saveInto(dir);
            TrainingTable test = splits.test(); // anchored at day 330
            Database future = withRowsAfter(330);
            FeatureMatrix now = f.build(test, InputMask.none());
            try (GnnEmbeddingFeatures onFuture = GnnEmbeddingFeatures.load(dir, future);
                 GnnEmbeddingFeatures onData = GnnEmbeddingFeatures.load(dir, db)) {
                assertArrayEquals(now.values(), onFuture.build(test, InputMask.none()).values(),
                        "a row one day after the anchor changed the embedding");
                // Sanity: the same rows do count once their time is reached (anchored two days later, they differ).
                TrainingTable later = ActivityBank.examples(future, "later", 332);
                assertFalse(java.util.Arrays.equals(onData.build(later, InputMask.none()).values(),
                        onFuture.build(later, InputMask.none()).values()));
            }
        }
    }

    @Test
    void theInputCutoffHidesRowsBetweenItAndTheAnchor(@TempDir Path dir) throws Exception {
        try (GnnEmbeddingFeatures f = fitted(SMALL.withInputCutoffMs(START + 300 * DAY))) {
            f.saveInto(dir);
            Database future = withRowsAfter(300); // rows at day 301, before the test anchor (330), after the cutoff
            try (GnnEmbeddingFeatures onFuture = GnnEmbeddingFeatures.load(dir, future)) {
                assertArrayEquals(f.build(splits.test(), InputMask.none()).values(),
                        onFuture.build(splits.test(), InputMask.none()).values());
            }
        }
    }

    @Test
    void maskedEmbeddingsAreTheEmbeddingsOfTheMaskedData(@TempDir Path dir) throws Exception {
        try (GnnEmbeddingFeatures f = fitted(SMALL)) {
            f.saveInto(dir);
            InputMask mask = InputMask.rowsOf("transactions");
            FeatureMatrix masked = f.build(splits.val(), mask);
            try (GnnEmbeddingFeatures onMasked = GnnEmbeddingFeatures.load(dir, mask.applyTo(db, "customers"))) {
                assertArrayEquals(onMasked.build(splits.val(), InputMask.none()).values(), masked.values());
            }
            assertFalse(java.util.Arrays.equals(f.build(splits.val(), InputMask.none()).values(), masked.values()));
        }
    }

    @Test
    void theBundleHoldsTheTreesAndTheGnnAndRefusesExplanations(@TempDir Path dir) throws Exception {
        Path bundle = dir.resolve("model");
        TrainingTable test = splits.test();
        int[] rows = new int[test.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = test.entityRow(i);
        }
        long anchor = test.anchorTime(0);
        double[] scored;
        Map<String, Double> metrics;
        List<String> lines = new ArrayList<>();
        try (EntityModel m = ModelKinds.forTask("xgb-gnn-embeddings", query).train(new TrainingRequest(db, query,
                splits, 42, 1, null, GnnTraining.of(SMALL), lines::add))) {
            assertEquals("xgb-gnn-embeddings", m.kind());
            scored = m.score(rows, anchor);
            metrics = m.metrics();
            m.save(bundle);
        }
        assertEquals(3, lines.stream().filter(l -> l.matches("xgb-gnn-embeddings: GNN \\d/3 .*done.*")).count(),
                "a progress line per GNN fit: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.contains("fold 2/2")), lines.toString());
        assertTrue(Files.isRegularFile(bundle.resolve(GnnEmbeddingFeatures.GNN_DIR).resolve("bundle.json")));
        JsonNode names = new ObjectMapper().readTree(bundle.resolve("baseline.json").toFile()).get("featureNames");
        List<String> all = new ArrayList<>();
        names.forEach(n -> all.add(n.asText()));
        assertTrue(all.stream().anyMatch(n -> n.startsWith("transactions")), "flat features: " + all);
        assertEquals(SMALL.hidden(), all.stream().filter(n -> n.startsWith("gnn_embedding.")).count(), all.toString());
        try (EntityModel loaded = ModelLoader.load(bundle, db)) {
            assertEquals("xgb-gnn-embeddings", loaded.kind());
            assertArrayEquals(scored, loaded.score(rows, anchor), 1e-12);
            Map<String, Double> again = loaded.evaluate(test);
            for (String m : List.of("auroc", "average_precision")) {
                assertEquals(metrics.get("test_" + m), again.get(m), 1e-12, m);
            }
            assertTrue(loaded.asExplainable().isEmpty());
            SchemaException e = assertThrows(SchemaException.class, () -> Explanations.of(loaded, db));
            assertTrue(e.getMessage().contains("xgb-gnn-embeddings"), e.getMessage());
        }
    }
}
