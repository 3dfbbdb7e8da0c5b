package org.relgraph.cli;

import picocli.CommandLine.Command;

/** Groups the data generators; {@code relgraph generate bank} is the first. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Generate synthetic relational data whose truth is known (for demos, tests and benchmarks).",
        subcommands = GenerateBankCommand.class)
public final class GenerateCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
