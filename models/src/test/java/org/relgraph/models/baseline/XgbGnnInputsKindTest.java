package org.relgraph.models.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.models.fixtures.ActivityBank.DAY;
import static org.relgraph.models.fixtures.ActivityBank.START;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKinds;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.features.FeatureMatrix;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.features.InputMask;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.table.Database;

/** xgb-gnn-inputs: the entity node's GNN inputs appended point-in-time, and its bundle read back whole. */
class XgbGnnInputsKindTest {
    private static final int CUSTOMERS = 300;
    private static final long SEED = 5;
    private static Database db;
    private static TrainingSplits splits;

    @BeforeAll
    static void bank() {
        db = ActivityBank.generate(CUSTOMERS, SEED).database();
        splits = new TrainingSplits(ActivityBank.examples(db, "train", 90, 150, 210),
                ActivityBank.examples(db, "val", 270), ActivityBank.examples(db, "test", 330));
    }

    /** The same bank with, for every customer, a large transaction on a new channel one day after {@code day}. */
    private static Database withRowsAfter(int day) {
        ActivityBank bank = ActivityBank.generate(CUSTOMERS, SEED);
        for (int c = 0; c < CUSTOMERS; c++) {
            bank.addTransaction(c, 0, START + (day + 1) * DAY, 99_999, 3);
        }
        return bank.database();
    }

    private static EntityNodeInputs fitted(Path dir, long cutoffMs) throws Exception {
        EntityNodeInputs inputs = new EntityNodeInputs(db, "customers", cutoffMs, true, true);
        inputs.fit(splits);
        inputs.saveInto(dir);
        return inputs;
    }

    @Test
    void aChildRowNewerThanTheAnchorNeverReachesTheNodeInputs(@TempDir Path dir) throws Exception {
        EntityNodeInputs onData = fitted(dir, FeatureOptions.NO_CUTOFF);
        TrainingTable test = splits.test(); // anchored at day 330
        Database future = withRowsAfter(330);
        FeatureMatrix now = onData.build(test, InputMask.none());
        FeatureMatrix withFuture = EntityNodeInputs.load(dir, future).build(test, InputMask.none());
        assertEquals(now.names(), withFuture.names());
        assertTrue(now.names().stream().anyMatch(n -> n.startsWith("gnn.transactions(customer_id).")), now.names()
                .toString());
        assertArrayEquals(now.values(), withFuture.values(), "a row one day after the anchor changed the inputs");
        // Sanity: the same rows do count once their time is reached (anchored two days later, they differ).
        TrainingTable later = ActivityBank.examples(future, "later", 332);
        assertFalse(java.util.Arrays.equals(EntityNodeInputs.load(dir, db).build(later, InputMask.none()).values(),
                EntityNodeInputs.load(dir, future).build(later, InputMask.none()).values()));
    }

    @Test
    void theInputCutoffHidesRowsBetweenItAndTheAnchor(@TempDir Path dir) throws Exception {
        long cutoff = START + 300 * DAY;
        EntityNodeInputs onData = fitted(dir, cutoff);
        Database future = withRowsAfter(300); // rows at day 301, before the test anchor (330), after the cutoff
        assertArrayEquals(onData.build(splits.test(), InputMask.none()).values(),
                EntityNodeInputs.load(dir, future).build(splits.test(), InputMask.none()).values());
    }

    @Test
    void maskedInputsAreTheInputsOfTheMaskedData(@TempDir Path dir) throws Exception {
        EntityNodeInputs onData = fitted(dir, FeatureOptions.NO_CUTOFF);
        InputMask mask = InputMask.rowsOf("transactions");
        FeatureMatrix masked = onData.build(splits.val(), mask);
        assertArrayEquals(EntityNodeInputs.load(dir, mask.applyTo(db, "customers")).build(splits.val(),
                InputMask.none()).values(), masked.values());
        assertFalse(java.util.Arrays.equals(onData.build(splits.val(), InputMask.none()).values(), masked.values()));
    }

    @Test
    void theBundleHoldsWhatEvaluateAndScoringNeed(@TempDir Path dir) throws Exception {
        PredictiveQuery query = PredictiveQuery.parse(ActivityBank.BUSY_NEXT_MONTH, db.schema());
        GnnTraining settings = GnnTraining.of(GnnConfig.defaults().withExtendedChildSummaries(true));
        Path bundle = dir.resolve("model");
        double[] scored;
        Map<String, Double> metrics;
        TrainingTable test = splits.test();
        int[] rows = new int[test.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = test.entityRow(i);
        }
        long anchor = test.anchorTime(0);
        try (EntityModel m = ModelKinds.forTask("xgb-gnn-inputs", query).train(new TrainingRequest(db, query, splits,
                42, 1, null, settings, null))) {
            assertEquals("xgb-gnn-inputs", m.kind());
            scored = m.score(rows, anchor);
            metrics = m.metrics();
            m.save(bundle);
        }
        for (String file : List.of("bundle.json", "baseline.json", "xgboost-model.ubj", EntityNodeInputs.FILE,
                EntityNodeInputs.ENCODING_FILE)) {
            assertTrue(Files.isRegularFile(bundle.resolve(file)), file);
        }
        JsonNode names = new ObjectMapper().readTree(bundle.resolve("baseline.json").toFile()).get("featureNames");
        List<String> all = new ArrayList<>();
        names.forEach(n -> all.add(n.asText()));
        assertTrue(all.stream().anyMatch(n -> n.startsWith("transactions")), "flat features: " + all);
        // --extended-child-summaries reached the node inputs: the windowed sums are among them
        assertTrue(all.stream().anyMatch(n -> n.startsWith("gnn.transactions(customer_id).sum_window.amount")),
                "node inputs: " + all);
        try (EntityModel loaded = ModelLoader.load(bundle, db)) {
            assertEquals("xgb-gnn-inputs", loaded.kind());
            assertArrayEquals(scored, loaded.score(rows, anchor), 1e-12);
            Map<String, Double> again = loaded.evaluate(test);
            for (String m : List.of("auroc", "average_precision")) {
                assertEquals(metrics.get("test_" + m), again.get(m), 1e-12, m);
            }
            assertTrue(loaded.asExplainable().isEmpty());
        }
    }
}
