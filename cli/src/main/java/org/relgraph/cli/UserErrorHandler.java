package org.relgraph.cli;

import java.io.PrintWriter;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine;

/**
 * Turns failures into one readable line (plus hint) instead of a stack trace. Set RELGRAPH_DEBUG=1 to see
 * the trace as well.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2;
    static final int INTERNAL_ERROR = 3;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        boolean debug = System.getenv("RELGRAPH_DEBUG") != null;
        Throwable cause = ex;
        while (!(cause instanceof SchemaException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        int code;
        if (cause instanceof SchemaException se) {
            err.println(cmd.getColorScheme().errorText("error: ") + se.getMessage());
            if (se.hint() != null && !se.hint().isBlank()) {
                err.println("hint: " + se.hint());
            }
            code = USER_ERROR;
        } else {
            err.println(cmd.getColorScheme().errorText("error: ") + ex.getClass().getSimpleName() + ": "
                    + ex.getMessage());
            err.println("hint: this looks like a bug in relgraph; re-run with RELGRAPH_DEBUG=1 for the stack trace");
            code = INTERNAL_ERROR;
        }
        if (debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
