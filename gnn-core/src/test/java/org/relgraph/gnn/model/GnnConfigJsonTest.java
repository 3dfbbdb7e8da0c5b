package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.sampling.SamplerConfig;

class GnnConfigJsonTest {
    private static final GnnConfig D = GnnConfig.defaults();

    @Test
    void anyOneTrainingFieldChangesTheIdentity() {
        List<GnnConfig> oneFieldEach = List.of(D.withHidden(65), D.withLayers(1), D.withAggregation(Aggregation.MEAN),
                D.withDropout(0.2), D.withFanouts(10, 6), D.withSampling(SamplerConfig.Strategy.UNIFORM),
                D.withInputCutoffMs(0L), D.withLearningRate(0.002), D.withBatchSize(256), D.withEpochs(21),
                D.withPatience(5), D.withSeed(43), D.withActionScorer(ActionScorerKind.DOT),
                D.withChildSummaries(true), D.withChildSummaries(false), D.withRefit(true), D.withRefit(false),
                D.withRecencyHalfLifeDays(365.0));
        for (GnnConfig c : oneFieldEach) {
            assertNotEquals(D.identity(), c.identity(), c.toString());
        }
        assertEquals(oneFieldEach.size(), oneFieldEach.stream().map(GnnConfig::identity).distinct().count());
        assertEquals(D.identity(), GnnConfig.defaults().withHidden(64).identity(), "equal configs, equal identity");
    }

    @Test
    void refitAndRecencyAreLeftOutUntilChosenSoOlderConfigsKeepTheirIdentity() {
        String json = GnnConfigJson.canonical(D);
        assertTrue(json.contains("\"loop\":{\"batchSize\":512,\"epochs\":20,\"patience\":4,\"seed\":42}"), json);
        GnnConfig chosen = D.withRefit(true).withRecencyHalfLifeDays(730.0);
        String chosenJson = GnnConfigJson.canonical(chosen);
        assertTrue(chosenJson.contains("\"recencyHalfLifeDays\":730.0") && chosenJson.contains("\"refit\":true"),
                chosenJson);
        assertEquals(chosen, GnnConfigJson.parse(chosenJson));
        assertThrows(IllegalArgumentException.class, () -> D.withRecencyHalfLifeDays(0.0));
    }

    @Test
    void theIdentityIgnoresFieldOrderAndLayout() {
        String reordered = """
                { "task": {"childSummaries": null, "actionScorer": null},
                  "loop": {"seed": 42, "patience": 4, "epochs": 20, "batchSize": 512},
                  "optimisation": {"weightDecay": 1.0E-4, "learningRate": 0.003},
                  "sampling": {"inputCutoffMs": null, "strategy": "MOST_RECENT", "fanouts": [ 10, 5 ]},
                  "architecture": {"dropout": 0.1, "activation": "RELU", "aggregation": "SUM", "layers": 2,
                                   "hidden": 64} }
                """;
        GnnConfig parsed = GnnConfigJson.parse(reordered);
        assertEquals(D, parsed);
        assertEquals(D.identity(), parsed.identity());
    }

    @Test
    void theCanonicalFormHasPartsWithSortedKeysAndRoundTrips() {
        GnnConfig c = D.withHidden(16).withFanouts(4, 3, 2).withLayers(3).withInputCutoffMs(1_696_118_400_000L)
                .withActionScorer(ActionScorerKind.MLP).withChildSummaries(false);
        String json = GnnConfigJson.canonical(c);
        assertTrue(json.startsWith("{\"architecture\":{\"activation\":\"RELU\",\"aggregation\":\"SUM\",\"conv\":\"SAGE\","
                + "\"dropout\":"),
                json);
        assertTrue(json.indexOf("\"loop\"") < json.indexOf("\"optimisation\"")
                && json.indexOf("\"optimisation\"") < json.indexOf("\"sampling\"")
                && json.indexOf("\"sampling\"") < json.indexOf("\"task\""), json);
        assertEquals(c, GnnConfigJson.parse(json));
        assertEquals(json, GnnConfigJson.canonical(GnnConfigJson.parse(json)));
    }

    @Test
    void theFlatFormOfEarlierBundlesReadsAsParts() {
        String flat = """
                {"hidden": 4, "layers": 1, "fanouts": [2, 2], "aggregation": "SUM", "activation": "RELU",
                 "dropout": 0.1, "learningRate": 0.003, "weightDecay": 0.0001, "batchSize": 512, "epochs": 1,
                 "patience": 4, "seed": 42, "sampling": "UNIFORM", "inputCutoffMs": 1696118400000,
                 "actionScorer": null, "childSummaries": false}
                """;
        GnnConfig expected = D.withHidden(4).withFanouts(2, 2).withLayers(1).withEpochs(1)
                .withSampling(SamplerConfig.Strategy.UNIFORM).withInputCutoffMs(1_696_118_400_000L)
                .withChildSummaries(false);
        assertEquals(expected, GnnConfigJson.parse(flat));
    }

    @Test
    void aFieldMissingFromStoredJsonTakesItsPartsDefault() {
        // What a bundle written before a field existed looks like: the field's default must be what it did then.
        GnnConfig c = GnnConfigJson.parse("{\"architecture\": {\"hidden\": 8}, \"loop\": {\"seed\": 7}}");
        assertEquals(D.withHidden(8).withSeed(7), c);
        assertEquals(D.withActionScorer(ActionScorerKind.DOT),
                GnnConfigJson.parse("{\"hidden\": 64, \"actionScorer\": \"DOT\"}"));
    }

    @Test
    void unknownFieldsAndPartsAreRefusedByName() {
        IllegalArgumentException part = assertThrows(IllegalArgumentException.class,
                () -> GnnConfigJson.parse("{\"architecture\": {}, \"optimizer\": {}}"));
        assertTrue(part.getMessage().contains("no part optimizer"), part.getMessage());
        IllegalArgumentException field = assertThrows(IllegalArgumentException.class,
                () -> GnnConfigJson.parse("{\"architecture\": {\"width\": 3}}"));
        assertTrue(field.getMessage().contains("architecture") && field.getMessage().contains("width"),
                field.getMessage());
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> GnnConfigJson.parse("{\"hidden\": 4, \"momentum\": 0.9}"));
        assertTrue(flat.getMessage().contains("no field momentum"), flat.getMessage());
    }

    @Test
    void partsValidateWhatTheyHoldAndTheCompositeWhatSpansThem() {
        assertThrows(IllegalArgumentException.class, () -> D.withHidden(0));
        assertThrows(IllegalArgumentException.class, () -> D.withEpochs(0));
        IllegalArgumentException layers = assertThrows(IllegalArgumentException.class, () -> D.withLayers(3));
        assertEquals("3 layers need at least 3 fanouts, got [10, 5]", layers.getMessage());
        assertEquals(3, D.withFanouts(5, 5, 5).withLayers(3).samplerConfig().hops());
    }

    @Test
    void aCopyChangesOneFieldAndKeepsTheRest() {
        Architecture a = Architecture.DEFAULTS.withDropout(0.3);
        assertEquals(0.3, a.dropout());
        assertEquals(Architecture.DEFAULTS, a.withDropout(Architecture.DEFAULTS.dropout()), "nothing else changed");
        assertThrows(IllegalArgumentException.class, () -> RecordCopy.with(a, "width", 3));
    }
}
