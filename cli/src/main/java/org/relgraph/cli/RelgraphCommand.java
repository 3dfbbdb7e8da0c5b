package org.relgraph.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code relgraph} entry point: a picocli command whose subcommands are the product's verbs. */
@Command(name = "relgraph",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Relational deep learning on the JVM: point relgraph at a relational database (a folder of "
                + "CSV/Parquet files or a PostgreSQL database), state what to predict, and get per-entity "
                + "predictions from a heterogeneous temporal graph neural network.",
            "",
            "Start with: relgraph inspect --data docs/sample-data/mini-bank"
        },
        subcommands = {DemoCommand.class, InspectCommand.class, GenerateCommand.class, QueryCommand.class, TrainCommand.class, TuneCommand.class, BaselineCommand.class, EvaluateCommand.class, PredictCommand.class, ExplainCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class RelgraphCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        // ND4J prints its backend build banner unless told not to; it must be set before ND4J loads.
        System.setProperty("org.nd4j.log.initialization", "false");
        int code;
        try {
            code = newCommandLine().execute(args);
        } catch (OutOfMemoryError e) {
            code = UserErrorHandler.handleOutOfMemory(e, new java.io.PrintWriter(System.err, true));
        }
        System.exit(code);
    }

    /** The configured command line; tests call {@code execute} on it without exiting the JVM. */
    public static CommandLine newCommandLine() {
        return new CommandLine(new RelgraphCommand())
                .setExecutionExceptionHandler(new UserErrorHandler())
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
