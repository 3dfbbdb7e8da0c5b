package org.relgraph.options;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

class ModelOptionsTest {
    @CommandLine.Command(defaultValueProvider = ModelOptions.Defaults.class)
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
    void fewerLayersWithAFanoutEachInEitherOrder() {
        for (String[] args : new String[][] {{"--layers", "1", "--fanouts", "7"}, {"--fanouts", "7", "--layers", "1"}}) {
            GnnConfig c = parse(args);
            assertEquals(1, c.layers());
            assertArrayEquals(new int[] {7}, c.fanouts());
        }
    }

    @Test
    void noOptionsGiveTheConfigDefaults() {
        assertEquals(GnnConfig.defaults(), parse());
        assertEquals(GnnConfig.defaults(), new ModelOptions().config(), "also where no default provider is declared");
    }

    /**
     * Each option's help names the default the config parts hold, read from them, not a copy in the text: what
     * relgraph train --help and the Spark train job's help show (both declare this provider).
     */
    @Test
    void helpShowsTheConfigDefaults() {
        String help = new CommandLine(new Holder()).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        GnnConfig d = GnnConfig.defaults();
        List<String> expected = List.of(
                "--epochs=N Maximum epochs (default " + d.epochs() + ";",
                "--patience=N Epochs without validation improvement before stopping (default " + d.patience() + ")",
                "--batch-size=N Seeds per mini-batch (default " + d.batchSize() + ")",
                "--fanouts=K1,K2[,K1,K2...] Neighbours sampled per node and edge type at each hop (default "
                        + d.fanouts()[0] + "," + d.fanouts()[1] + ")",
                "--hidden=D Hidden width (default " + d.hidden() + ")",
                "--layers=L Message-passing layers (default " + d.layers() + ")",
                "--lr=RATE Adam learning rate (default " + d.learningRate() + ")",
                "--dropout=P Dropout (default " + d.dropout() + ")",
                "or UNIFORM (default " + d.samplingStrategy() + ")",
                "SUM or MEAN (default " + d.aggregation() + ")",
                "--conv=KIND Message passing per edge type (default "
                        + d.conv().name().toLowerCase(java.util.Locale.ROOT) + ")",
                "same seed, same model (default " + d.seed() + ")");
        for (String e : expected) {
            assertTrue(help.contains(e), e + " in " + help);
        }
        assertEquals(ModelOptions.Defaults.BY_OPTION.size(), expected.size(), "every defaulted option is checked");
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
