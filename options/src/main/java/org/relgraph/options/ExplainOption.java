package org.relgraph.options;

import picocli.CommandLine.Option;

/**
 * {@code --explain K}, mixed into {@code relgraph predict} and the Spark {@code score} job, so both declare, document
 * and check it alike: the top K reasons per output row as REASON_1..K.
 */
public final class ExplainOption {
    @Option(names = "--explain", paramLabel = "K", defaultValue = "0",
            description = "Add the top K reasons per output row as REASON_1..K (integrated gradients, a few "
                    + "entities/s per core; with --top, only the rows --top keeps are explained: combine them for "
                    + "large populations).")
    int reasons;

    /** Reasons per output row; 0, the default, adds none. */
    public int reasons() {
        return reasons;
    }

    /** Refuses a negative count, naming the option, before any data is read. */
    public void check() {
        OptionChecks.atLeast("--explain", reasons, 0, "reasons per row; 0, the default, adds none");
    }
}
