package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

class ModelOptionsTest {
    static final class Holder {
        @Mixin
        ModelOptions model;
    }

    private static GnnConfig parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.model.config();
    }

    @Test
    void moreLayersWithTheirFanoutsInEitherOrder() {
        for (String[] args : new String[][] {{"--layers", "3", "--fanouts", "10,5,5"},
                {"--fanouts", "10,5,5", "--layers", "3"}}) {
            GnnConfig c = parse(args);
            assertEquals(3, c.layers());
            assertArrayEquals(new int[] {10, 5, 5}, c.fanouts());
        }
    }

    @Test
    void moreLayersThanFanoutsIsStillRefused() {
        SchemaException e = assertThrows(SchemaException.class, () -> parse("--layers", "3"));
        assertEquals(true, e.getMessage().contains("3 layers need at least 3 fanouts"), e.getMessage());
        assertEquals("give one fanout per layer, e.g. --layers 3 --fanouts 5,5,5", e.hint());
    }

    @Test
    void childSummariesFollowTheTaskUnlessChosen() {
        GnnConfig unset = parse();
        assertEquals(null, unset.childSummaries());
        assertEquals(true, unset.childSummariesOr(true));
        assertEquals(false, unset.childSummariesOr(false));
        assertEquals(false, parse("--no-child-summaries").childSummariesOr(true));
        assertEquals(true, parse("--child-summaries").childSummariesOr(false));
    }
}
