package org.relgraph.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** The predictive query, given inline or in a file. */
public final class QueryInput {
    static final class Text {
        @Option(names = "--query", paramLabel = "PQL", description = "The predictive query (see docs/PQL.md).")
        String text;

        @Option(names = "--query-file", paramLabel = "FILE", description = "Read the predictive query from a file.")
        Path file;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Text query;

    public String read() throws IOException {
        return query.text != null ? query.text : Files.readString(query.file);
    }
}
