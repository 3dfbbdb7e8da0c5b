package org.relgraph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relgraph.models.api.Task;
import org.relgraph.table.Database;
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

    /**
     * The query bound to {@code db} ({@link Task#bind}): names and types checked against its schema, and compared
     * values against the values its columns hold (a misspelt value of a few-valued column is an error; of a
     * many-valued one a warning, printed on {@code err}).
     */
    public Task bind(Database db, PrintWriter err) throws IOException {
        Task task = Task.bind(db, read());
        for (String warning : task.warnings()) {
            err.println("warning: " + warning);
        }
        err.flush();
        return task;
    }
}
