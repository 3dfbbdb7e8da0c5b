package org.relgraph.models.ensemble;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.explain.Reason;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

class AveragedModelTest {
    private static final long DAY = ActivityBank.DAY;
    private static final long S = ActivityBank.START;
    private static final long AS_OF = S + 300 * DAY;
    private static final int[] ROWS = {0, 1, 2, 3, 4, 5, 6, 7};
    private static final GnnConfig TINY = GnnConfig.defaults().withHidden(8).withFanouts(4, 2).withEpochs(2);
    private static Database bank;
    private static PredictiveQuery busy;
    private static TrainingSplits splits;

    @BeforeAll
    static void data() {
        bank = ActivityBank.generate(80, 5).database();
        busy = PredictiveQuery.parse(ActivityBank.BUSY_NEXT_MONTH, bank.schema());
        TrainingTableBuilder b = new TrainingTableBuilder(bank, busy);
        splits = new TrainingSplits(b.build("train", List.of(S + 150 * DAY, S + 210 * DAY)),
                b.build("val", List.of(S + 270 * DAY)), b.build("test", List.of(S + 330 * DAY)));
    }

    private static TrainingRequest request(long seed, Object settings, TrainingSplits tables) {
        return new TrainingRequest(bank, busy, tables, seed, 1, null, settings, null);
    }

    private static GnnPredictor single(long seed) {
        return (GnnPredictor) GnnKind.INSTANCE.train(request(seed, GnnTraining.of(TINY), splits));
    }

    private static EntityModel ensemble(long seed, int k) {
        return GnnEnsembleKind.INSTANCE.train(request(seed, new EnsembleTraining(GnnTraining.of(TINY), k, null),
                splits));
    }

    @Test
    void anEnsembleOfOneIsTheSingleModelBitForBit() {
        try (GnnPredictor one = single(7); EntityModel ens = ensemble(7, 1)) {
            assertEquals("gnn-ensemble", ens.kind());
            for (Map.Entry<String, Double> m : one.metrics().entrySet()) {
                if (m.getKey().startsWith("val_") || m.getKey().startsWith("test_")) {
                    assertEquals(m.getValue(), ens.metrics().get(m.getKey()), m.getKey());
                }
            }
            assertArrayEquals(one.score(ROWS, AS_OF), ens.score(ROWS, AS_OF));
            assertEquals(one.evaluate(splits.test()), ens.evaluate(splits.test()));
        }
    }

    @Test
    void twoMembersScoreTheMeanOfTheTwoModelsTrainedSeparatelyAndRoundTripThroughTheBundle(@TempDir Path dir)
            throws Exception {
        double[] a;
        double[] b;
        double[][] testA;
        double[][] testB;
        org.relgraph.gnn.model.PredictionHead head;
        try (GnnPredictor m7 = single(7); GnnPredictor m8 = single(8)) {
            head = m7.head();
            a = m7.score(ROWS, AS_OF);
            b = m8.score(ROWS, AS_OF);
            testA = m7.outputs(splits.test());
            testB = m8.outputs(splits.test());
        }
        double[] mean = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            mean[i] = (a[i] + b[i]) / 2;
        }
        double[][] testMean = new double[testA.length][1];
        for (int i = 0; i < testA.length; i++) {
            testMean[i][0] = (testA[i][0] + testB[i][0]) / 2;
        }
        Map<String, Double> expectedTest = GnnPredictor.metrics(head, AveragedModel.labels(splits.test()), testMean);
        Path folder = dir.resolve("ens");
        try (EntityModel ens = ensemble(7, 2)) {
            assertArrayEquals(mean, ens.score(ROWS, AS_OF));
            expectedTest.forEach((k, v) -> assertEquals(v, ens.metrics().get("test_" + k), k));
            assertEquals(2.0, ens.metrics().get("members"));
            assertEquals(2, ens.trainingNotes().size());
            assertTrue(ens.trainingNotes().get(1).startsWith("member 2/2 (seed 8)"), ens.trainingNotes().get(1));
            ens.save(folder);
        }
        assertTrue(Files.isDirectory(folder.resolve("member-1")) && Files.isDirectory(folder.resolve("member-2")));
        assertEquals(GnnEnsembleKind.INSTANCE, ModelLoader.kindOf(folder));
        try (EntityModel loaded = ModelLoader.load(folder, bank)) {
            assertEquals("gnn-ensemble", loaded.kind());
            assertArrayEquals(mean, loaded.score(ROWS, AS_OF));
            Map<String, Double> evaluated = loaded.evaluate(splits.test());
            evaluated.forEach((k, v) -> assertEquals(loaded.metrics().get("test_" + k), v, k));
            assertEquals(splits.test().anchors(), loaded.splitAnchors().test());
        }
    }


    @Test
    void anEnsembleExplainsWithItsMembersAttributionsAveraged(@TempDir Path dir) throws Exception {
        int[] rows = {0, 3};
        Path folder = dir.resolve("ens");
        try (EntityModel ens = ensemble(7, 2)) {
            ens.save(folder);
        }
        List<List<EntityExplanation>> members = new java.util.ArrayList<>();
        for (String m : List.of("member-1", "member-2")) {
            try (GnnPredictor p = GnnPredictor.load(folder.resolve(m), bank)) {
                members.add(p.explain(rows, AS_OF, 0, e -> { }));
            }
        }
        try (EntityModel loaded = ModelLoader.load(folder, bank)) {
            assertTrue(loaded.asExplainable().isPresent());
            double[] scores = loaded.score(rows, AS_OF);
            List<EntityExplanation> explained = loaded.asExplainable().get().explain(rows, AS_OF, 0, e -> { });
            for (int i = 0; i < rows.length; i++) {
                EntityExplanation e = explained.get(i);
                EntityExplanation m1 = members.get(0).get(i);
                EntityExplanation m2 = members.get(1).get(i);
                assertEquals(scores[i], e.score());
                assertEquals((m1.output() + m2.output()) / 2, e.output(), 1e-12);
                assertEquals((m1.baselineOutput() + m2.baselineOutput()) / 2, e.baselineOutput(), 1e-12);
                Map<String, Double> expected = new HashMap<>();
                for (EntityExplanation m : List.of(m1, m2)) {
                    for (Reason r : m.reasons()) {
                        expected.merge(r.subject() + r.ownRow(), r.attribution() / 2, Double::sum);
                    }
                }
                assertEquals(expected.size(), e.reasons().size());
                for (Reason r : e.reasons()) {
                    assertEquals(expected.get(r.subject() + r.ownRow()), r.attribution(), 1e-12, r.subject());
                }
                assertTrue(e.explainedOutput().startsWith("mean over 2 members of the logit"), e.explainedOutput());
            }
            List<EntityExplanation> top2 = loaded.asExplainable().get().explain(rows, AS_OF, 2, e -> { });
            assertEquals(explained.get(0).reasons().subList(0, 2), top2.get(0).reasons());
        }
    }

    @Test
    void aBundleMissingAMemberIsRefusedWithAHint(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("ens");
        try (EntityModel ens = ensemble(7, 1)) {
            ens.save(folder);
        }
        try (java.util.stream.Stream<Path> files = Files.walk(folder.resolve("member-1"))) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        SchemaException e = assertThrows(SchemaException.class, () -> ModelLoader.load(folder, bank));
        assertTrue(e.getMessage().contains("member folder 'member-1' is missing"), e.getMessage());
        assertTrue(e.hint().contains("relgraph train --ensemble K"), e.hint());
    }

    @Test
    void theBlendWeightIsChosenOnValidationOnly(@TempDir Path dir) throws Exception {
        // The same examples with every test label flipped: a weight that looked at test labels would move.
        PredictiveQuery quiet = PredictiveQuery.parse(
                "PREDICT COUNT(transactions.*, 0, 30, days) <= 5 FOR EACH customers.customer_id", bank.schema());
        TrainingTable flippedTest = new TrainingTableBuilder(bank, quiet).build("test", List.of(S + 330 * DAY));
        for (int i = 0; i < flippedTest.size(); i++) {
            assertEquals(splits.test().entityRow(i), flippedTest.entityRow(i));
            assertEquals(1 - splits.test().label(i), flippedTest.label(i));
        }
        TrainingSplits flipped = new TrainingSplits(splits.train(), splits.val(), flippedTest);
        double weight;
        double testAuroc;
        Path folder = dir.resolve("blend");
        try (EntityModel blend = GnnXgbBlendKind.INSTANCE.train(request(7, GnnTraining.of(TINY), splits))) {
            weight = blend.metrics().get("blend_gnn_weight");
            testAuroc = blend.metrics().get("test_auroc");
            assertEquals("gnn-xgb-blend", blend.kind());
            assertFalse(blend.asExplainable().isPresent());
            blend.save(folder);
        }
        try (EntityModel blend = GnnXgbBlendKind.INSTANCE.train(request(7, GnnTraining.of(TINY), flipped))) {
            assertEquals(weight, blend.metrics().get("blend_gnn_weight"));
            assertNotEquals(testAuroc, blend.metrics().get("test_auroc"));
        }
        try (EntityModel loaded = ModelLoader.load(folder, bank)) {
            assertEquals(GnnXgbBlendKind.INSTANCE, ModelLoader.kindOf(folder));
            loaded.evaluate(splits.test()).forEach((k, v) -> assertEquals(loaded.metrics().get("test_" + k), v, 1e-12,
                    k));
            double[] blended = loaded.score(ROWS, AS_OF);
            double[] gnn;
            double[] xgb;
            try (EntityModel g = ModelLoader.load(folder.resolve("gnn"), bank);
                 EntityModel x = ModelLoader.load(folder.resolve("flat-xgboost"), bank)) {
                gnn = g.score(ROWS, AS_OF);
                xgb = x.score(ROWS, AS_OF);
            }
            assertArrayEquals(BlendWeight.blend(gnn, xgb, weight), blended);
        }
    }

    @Test
    void flatXgboostHandsTheBlendThePredictionsItTrainedWith(@TempDir Path dir) throws Exception {
        org.relgraph.models.baseline.BaselineModel xgb = (org.relgraph.models.baseline.BaselineModel)
                org.relgraph.models.baseline.FlatXgboostKind.INSTANCE.train(request(7, null, splits));
        try (xgb) {
            double[][] trained = xgb.trainedPredictions().orElseThrow();
            assertArrayEquals(xgb.predict(splits.val()), trained[0]);
            assertArrayEquals(xgb.predict(splits.test()), trained[1]);
            xgb.save(dir.resolve("xgb"));
        }
        try (org.relgraph.models.baseline.BaselineModel loaded = (org.relgraph.models.baseline.BaselineModel)
                ModelLoader.load(dir.resolve("xgb"), bank)) {
            assertTrue(loaded.trainedPredictions().isEmpty());
        }
    }

    @Test
    void theBlendWeightFollowsTheBetterModelOnValidation() {
        double[] labels = {0, 1, 0, 1, 0, 1};
        // good ranks every positive first, by small margins; bad ranks them last by large ones: only w = 1 keeps
        // good's perfect order (at w = 0.95 the first negative already outscores the first positive).
        double[] good = {0.49, 0.51, 0.48, 0.52, 0.47, 0.53};
        double[] bad = {0.9, 0.1, 0.8, 0.2, 0.7, 0.3};
        org.relgraph.gnn.model.PredictionHead head = org.relgraph.gnn.model.PredictionHead.fit(
                org.relgraph.query.TaskType.BINARY, labels);
        assertEquals(1.0, BlendWeight.choose(good, bad, labels, head).weight());
        assertEquals(0.0, BlendWeight.choose(bad, good, labels, head).weight());
    }

    @Test
    void aRankingQueryIsRefusedBeforeTraining() {
        assertTrue(GnnEnsembleKind.INSTANCE.misfit(busy).isEmpty());
        assertTrue(GnnXgbBlendKind.INSTANCE.misfit(busy).isEmpty());
        Database offers = org.relgraph.models.fixtures.OfferHistory.database(60, 5);
        PredictiveQuery nba = PredictiveQuery.parse(org.relgraph.models.fixtures.OfferHistory.QUERY, offers.schema());
        SchemaException e = assertThrows(SchemaException.class, () -> GnnEnsembleKind.INSTANCE.train(
                new TrainingRequest(offers, nba, null, 1, 1, null, null, null)));
        assertTrue(e.getMessage().contains("ranking query"), e.getMessage());
        assertEquals("train the ranker without --ensemble", e.hint());
        SchemaException blend = assertThrows(SchemaException.class, () -> GnnXgbBlendKind.INSTANCE.train(
                new TrainingRequest(offers, nba, null, 1, 1, null, null, null)));
        assertTrue(blend.hint().contains("--ensemble K"), blend.hint());
        assertThrows(IllegalArgumentException.class, () -> new EnsembleTraining(null, 0, null));
        assertEquals(TrainingListener.NONE, EnsembleTraining.defaults().listener(1));
    }
}
