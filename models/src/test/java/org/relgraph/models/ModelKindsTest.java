package org.relgraph.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.models.features.FeatureOptions;
import org.relgraph.models.fixtures.ActivityBank;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/** The registry lists every kind once, resolves a user's or a bundle's name for a task, and refuses misfits alike. */
class ModelKindsTest {
    private static final long BANK_AS_OF = ActivityBank.START + 300 * ActivityBank.DAY;
    private static final long OFFERS_AS_OF = OfferHistory.START + 300 * OfferHistory.DAY;
    private static Database bank;
    private static PredictiveQuery binary;
    private static PredictiveQuery links;
    private static Database offers;
    private static PredictiveQuery nba;

    @BeforeAll
    static void data() {
        bank = ActivityBank.generate(60, 5).database();
        binary = PredictiveQuery.parse(ActivityBank.BUSY_NEXT_MONTH, bank.schema());
        links = PredictiveQuery.parse("PREDICT LIST_DISTINCT(transactions.product_id, 0, 30, days) RANK TOP 2 "
                + "FOR EACH customers.customer_id", bank.schema());
        offers = OfferHistory.database(60, 5);
        nba = PredictiveQuery.parse(OfferHistory.QUERY, offers.schema());
    }

    @Test
    void everyKindIsRegisteredOnceAndUsersSeeOneNamePerModel() {
        assertEquals(List.of("rules", "entity-gbdt", "flat-xgboost", "cf", "gnn", "gnn-ranker", "gnn-ensemble",
                "gnn-xgb-blend", "xgb-gnn-inputs", "xgb-gnn-embeddings"), ModelKinds.ALL.stream().map(ModelKind::id)
                .toList());
        assertEquals(List.of("rules", "entity-gbdt", "flat-xgboost", "cf", "gnn", "gnn-ensemble", "gnn-xgb-blend",
                "xgb-gnn-inputs", "xgb-gnn-embeddings"), ModelKinds.names());
        assertEquals(List.of("gnn-ensemble", "gnn-xgb-blend", "xgb-gnn-inputs", "xgb-gnn-embeddings"), ModelKinds.ALL
                .stream()
                .filter(ModelKind::combinesModels).map(ModelKind::id).toList());
        for (ModelKind k : ModelKinds.ALL) {
            assertEquals(k, ModelKinds.byId(k.id()));
        }
    }

    @Test
    void aNameMeansTheKindThatFitsTheQuery() {
        assertEquals("gnn", ModelKinds.forTask("gnn", binary).id());
        assertEquals("gnn-ranker", ModelKinds.forTask("gnn", nba).id());
        assertEquals("gnn-ranker", ModelKinds.forTask("GNN ", links).id());
        assertEquals("gnn-ranker", ModelKinds.forBundle("gnn", TaskType.RANKING).id());
        assertEquals("gnn", ModelKinds.forBundle("gnn", TaskType.BINARY).id());
        // A GNN bundle from before the kind field, unreadable as yet: the GNN's loader reports what is wrong.
        assertEquals("gnn", ModelKinds.forBundle("gnn", null).id());
        assertEquals("flat-xgboost", ModelKinds.forBundle("flat-xgboost", TaskType.RANKING).id());
        for (String name : ModelKinds.names()) {
            ModelKind k = ModelKinds.forTask(name, binary);
            assertEquals(name, k.name());
        }
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        SchemaException e = assertThrows(SchemaException.class, () -> ModelKinds.forTask("lightgbm", binary));
        assertEquals("unknown model kind 'lightgbm'", e.getMessage());
        assertEquals("use one of rules, entity-gbdt, flat-xgboost, cf, gnn, gnn-ensemble, gnn-xgb-blend, "
                + "xgb-gnn-inputs, xgb-gnn-embeddings", e.hint());
    }

    @Test
    void aBundleOfAKindThisRelgraphLacksIsNamedInTheError(@TempDir Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("bundle.json"), "{\"formatVersion\": 1, \"kind\": \"lightgbm\"}");
        SchemaException e = assertThrows(SchemaException.class, () -> ModelLoader.load(dir, bank));
        assertEquals("the model bundle at " + dir + " is of kind 'lightgbm', which this relgraph does not have (it has "
                + "rules, entity-gbdt, flat-xgboost, cf, gnn, gnn-ensemble, gnn-xgb-blend, xgb-gnn-inputs, "
                + "xgb-gnn-embeddings)", e.getMessage());
        assertEquals("use the relgraph version that wrote the bundle, or train the model again with this one", e.hint());
    }

    @Test
    void whichKindsFitWhichTasks() {
        Function<PredictiveQuery, List<String>> fitting = q -> ModelKinds.ALL.stream()
                .filter(k -> k.misfit(q).isEmpty()).map(ModelKind::id).toList();
        assertEquals(List.of("rules", "entity-gbdt", "flat-xgboost", "gnn", "gnn-ensemble", "gnn-xgb-blend",
                "xgb-gnn-inputs", "xgb-gnn-embeddings"), fitting.apply(binary));
        assertEquals(List.of("flat-xgboost", "cf", "gnn-ranker"), fitting.apply(nba));
        assertEquals(List.of("cf", "gnn-ranker"), fitting.apply(links));
        // A kind fits only task types it declares (the loader picks a bundle's kind by them).
        for (ModelKind k : ModelKinds.ALL) {
            for (PredictiveQuery q : List.of(binary, nba, links)) {
                assertTrue(k.misfit(q).isPresent() || k.taskTypes().contains(q.taskType()), k.id() + " " + q);
            }
        }
    }

    @Test
    void aMisfitIsTheUsersErrorTheCommandsAlwaysGave() {
        assertMisfit("cf", binary, "cf ranks items; this is a binary query",
                "use --kind flat-xgboost, entity-gbdt or rules", "cf ranks items; this task predicts one number");
        assertMisfit("rules", nba, "rules predicts one number per entity; this is a ranking query",
                "use --kind flat-xgboost or cf for ARGMAX queries, --kind cf for LIST_DISTINCT",
                "rules predicts one number per entity");
        assertMisfit("entity-gbdt", links, "entity-gbdt predicts one number per entity; this is a ranking query",
                "use --kind flat-xgboost or cf for ARGMAX queries, --kind cf for LIST_DISTINCT",
                "entity-gbdt predicts one number per entity");
        assertMisfit("flat-xgboost", links, "flat-xgboost predicts one number per entity; this is a ranking query",
                "use --kind flat-xgboost or cf for ARGMAX queries, --kind cf for LIST_DISTINCT",
                "flat-xgboost predicts one number per entity");
    }

    private static void assertMisfit(String name, PredictiveQuery q, String message, String hint, String reason) {
        ModelKind k = ModelKinds.forTask(name, q);
        TaskMisfit misfit = k.misfit(q).orElseThrow();
        assertEquals(reason, misfit.reason());
        SchemaException e = assertThrows(SchemaException.class, () -> k.requireFits(q));
        assertEquals(message, e.getMessage());
        assertEquals(hint, e.hint());
        // Training refuses with the same error, before it reads the (here absent) splits.
        SchemaException trained = assertThrows(SchemaException.class, () -> k.train(new TrainingRequest(
                q == nba ? offers : bank, q, null, 1, 1, null, null, null)));
        assertEquals(message, trained.getMessage());
    }

    @Test
    void whatEachKindCanDo() {
        assertEquals(List.of("gnn", "gnn-ranker", "gnn-ensemble"), ModelKinds.ALL.stream().filter(ModelKind::explains)
                .map(ModelKind::id).toList());
        assertEquals(List.of("rules", "entity-gbdt", "flat-xgboost", "cf"), ModelKinds.ALL.stream()
                .filter(ModelKind::baseline).map(ModelKind::id).toList());
        assertEquals(ModelOutput.ONE_NUMBER, ModelKinds.forTask("gnn", binary).output(binary));
        assertEquals(ModelOutput.ACTION_SCORES, ModelKinds.forTask("gnn", nba).output(nba));
        assertEquals(ModelOutput.ITEM_LIST, ModelKinds.forTask("gnn", links).output(links));
        assertEquals(ModelOutput.ACTION_SCORES, ModelKinds.forTask("flat-xgboost", nba).output(nba));
        assertEquals(ModelOutput.ONE_NUMBER, ModelKinds.forTask("flat-xgboost", binary).output(binary));
        assertEquals(ModelOutput.ITEM_LIST, ModelKinds.forTask("cf", nba).output(nba));
        assertEquals(1, ModelKinds.byId("rules").inputHops(null));
        assertEquals(0, ModelKinds.byId("entity-gbdt").inputHops(null));
        assertEquals(0, ModelKinds.byId("cf").inputHops(null));
        assertEquals(FeatureOptions.defaults().maxHops(), ModelKinds.byId("flat-xgboost").inputHops(null));
        assertEquals(3, ModelKinds.byId("gnn").inputHops(GnnTraining.of(GnnConfig.defaults().withFanouts(4, 2, 2).withLayers(3))));
        assertEquals(GnnConfig.defaults().layers(), ModelKinds.byId("gnn-ranker").inputHops(null));
    }

    @Test
    void eachKindTrainsThroughTheRegistryAndItsBundleLoadsBackAsThatKind(@TempDir Path dir) throws Exception {
        TrainingTableBuilder b = new TrainingTableBuilder(bank, binary);
        long d = ActivityBank.DAY;
        long s = ActivityBank.START;
        TrainingSplits bankSplits = new TrainingSplits(b.build("train", List.of(s + 150 * d, s + 210 * d)),
                b.build("val", List.of(s + 270 * d)), b.build("test", List.of(s + 330 * d)));
        TrainingSplits offerSplits = OfferHistory.splits(offers);
        GnnTraining tiny = GnnTraining.of(GnnConfig.defaults().withHidden(8).withFanouts(4, 2).withEpochs(1));
        for (ModelKind k : ModelKinds.ALL) {
            boolean ranks = k.taskTypes().contains(TaskType.RANKING) && !k.taskTypes().contains(TaskType.BINARY);
            Database db = ranks ? offers : bank;
            PredictiveQuery q = ranks ? nba : binary;
            Path folder = dir.resolve(k.id());
            double[] scores;
            try (EntityModel m = k.train(new TrainingRequest(db, q, ranks ? offerSplits : bankSplits, 7, 1, null,
                    tiny, null))) {
                assertEquals(k.name(), m.kind());
                assertEquals(k.inputHops(tiny), m.inputHops(), k.id());
                m.save(folder);
                scores = m.score(new int[] {0, 1, 2}, ranks ? OFFERS_AS_OF : BANK_AS_OF);
            }
            assertEquals(k, ModelLoader.kindOf(folder));
            try (EntityModel loaded = ModelLoader.load(folder, db)) {
                assertEquals(k.name(), loaded.kind());
                org.junit.jupiter.api.Assertions.assertArrayEquals(scores, loaded.score(new int[] {0, 1, 2},
                        ranks ? OFFERS_AS_OF : BANK_AS_OF), 1e-12, k.id());
            }
            Map<String, Object> manifest = new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
                    .readValue(folder.resolve("bundle.json").toFile(), Map.class);
            assertEquals(k.name(), manifest.get("kind"), "every bundle records its kind");
            assertFalse(manifest.containsKey("kindFields"), manifest.keySet().toString());
            assertTrue(manifest.keySet().containsAll(List.of("formatVersion", "query", "schemaYaml", "taskType",
                    "metrics", "provenance", "splits", "calibration", "excludedTables")), manifest.keySet().toString());
            assertEquals(!k.baseline() && !k.combinesModels(), manifest.containsKey("config")
                    && manifest.containsKey("head"),
                    "the GNN's own fields at the top level, as in older bundles: " + manifest.keySet());
        }
    }
}
