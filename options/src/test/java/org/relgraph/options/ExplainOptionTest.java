package org.relgraph.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;

class ExplainOptionTest {
    @CommandLine.Command(name = "holder")
    static final class Holder {
        @Mixin
        ExplainOption explain;
    }

    private static ExplainOption parse(String... args) {
        Holder h = new Holder();
        new CommandLine(h).parseArgs(args);
        return h.explain;
    }

    /** The description predict's and the Spark score job's help show (their tests compare against it). */
    static String description() {
        return String.join(" ", new CommandLine(new Holder()).getCommandSpec().findOption("--explain").description());
    }

    @Test
    void noReasonsByDefaultAndTheCountGiven() {
        assertEquals(0, parse().reasons());
        assertEquals(3, parse("--explain", "3").reasons());
        parse("--explain", "0").check();
    }

    @Test
    void aNegativeCountIsRefusedNamingTheOption() {
        ExplainOption negative = parse("--explain", "-2");
        SchemaException e = assertThrows(SchemaException.class, negative::check);
        assertEquals("--explain must be 0 or more, got -2", e.getMessage());
        assertEquals("reasons per row; 0, the default, adds none", e.hint());
    }

    @Test
    void theHelpSaysWhatTheReasonsAreAndHowTopLimitsThem() {
        // picocli wraps inside a word (REASON_1.. / K): compared without white space
        String help = new CommandLine(new Holder()).getUsageMessage().replaceAll("\\s+", "");
        assertTrue(help.contains(("--explain=K" + description()).replaceAll("\\s+", "")), help);
        assertTrue(description().contains("REASON_1..K") && description().contains("--top"), description());
    }
}
