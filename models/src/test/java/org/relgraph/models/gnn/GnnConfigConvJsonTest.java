package org.relgraph.models.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.nn.ConvKind;

/** The convolution in a bundle's config: written, read back, and SAGE for bundles written before the choice. */
class GnnConfigConvJsonTest {
    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    /** The "config" object of a bundle.json written by relgraph before --conv (the demo's mortgage model). */
    private static final String BEFORE_CONV = """
            {"hidden" : 64, "layers" : 2, "fanouts" : [ 10, 5 ], "aggregation" : "SUM", "activation" : "RELU",
             "dropout" : 0.1, "learningRate" : 0.003, "weightDecay" : 1.0E-4, "batchSize" : 512, "epochs" : 3,
             "patience" : 4, "seed" : 42, "sampling" : "MOST_RECENT", "inputCutoffMs" : null,
             "actionScorer" : null, "childSummaries" : null}""";

    @Test
    void aBundleFromBeforeTheChoiceLoadsAsSage() throws Exception {
        GnnConfig old = MAPPER.readValue(BEFORE_CONV, GnnConfig.class);
        assertEquals(ConvKind.SAGE, old.conv());
        assertEquals(GnnConfig.defaults().withEpochs(3), old);
    }

    @Test
    void gatRoundTripsThroughTheBundleJson() throws Exception {
        GnnConfig gat = GnnConfig.defaults().withConv(ConvKind.GAT);
        String json = MAPPER.writeValueAsString(gat);
        assertTrue(json.contains("\"conv\":\"GAT\""), json);
        assertEquals(gat, MAPPER.readValue(json, GnnConfig.class));
        assertNotEquals(GnnConfig.defaults(), gat);
    }

    /** A checkpoint of a SAGE run must not resume as GAT: the conv is part of the config's identity. */
    @Test
    void theConvIsPartOfTheCheckpointIdentity() {
        GnnConfig sage = GnnConfig.defaults();
        assertNotEquals(sage.identity(), sage.withConv(ConvKind.GAT).identity());
        assertEquals(sage.identity(), sage.withConv(ConvKind.SAGE).identity());
    }
}
