package org.relgraph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.relgraph.query.LiteralValueCheck;
import org.relgraph.query.PredictiveQuery;
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
     * The query checked against {@code db}: names and types against its schema, and compared values against the
     * values its columns hold (a misspelt value of a few-valued column is an error; of a many-valued one a warning,
     * printed on {@code err}).
     */
    public PredictiveQuery bind(Database db, PrintWriter err) throws IOException {
        PredictiveQuery q = PredictiveQuery.parse(read(), db.schema());
        for (String warning : LiteralValueCheck.check(q, db)) {
            err.println("warning: " + warning);
        }
        err.flush();
        return q;
    }
}
