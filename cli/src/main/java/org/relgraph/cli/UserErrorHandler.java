package org.relgraph.cli;

import java.io.PrintWriter;
import org.relgraph.schema.SchemaException;
import org.relgraph.source.PathErrors;
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
        if (!(cause instanceof SchemaException)) {
            // a path the user named that may not be opened (or does not exist) is theirs to fix, wherever it was read
            cause = PathErrors.fromCause(ex).map(Throwable.class::cast).orElse(cause);
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

    /**
     * Out of memory is the one failure a user fixes by re-running with other JVM options, so it names the limits in
     * force and how to raise them (picocli lets Errors through, so {@link RelgraphCommand#main} routes them here).
     */
    static int handleOutOfMemory(OutOfMemoryError e, PrintWriter err) {
        long heapMb = Runtime.getRuntime().maxMemory() >> 20;
        String offHeap = System.getProperty("org.bytedeco.javacpp.maxbytes", "default");
        String physical = System.getProperty("org.bytedeco.javacpp.maxphysicalbytes", "default");
        err.println("error: out of memory (" + e.getMessage() + "); limits: Java heap " + heapMb
                + " MB, ND4J off-heap maxbytes " + offHeap + ", maxphysicalbytes " + physical);
        err.println("hint: raise them, e.g. JAVA_OPTS='-Xmx16g -Dorg.bytedeco.javacpp.maxbytes=4g "
                + "-Dorg.bytedeco.javacpp.maxphysicalbytes=20g' ./relgraph ..., or ask for less at once "
                + "(fewer --train-anchors, a smaller --batch-size or --fanouts)");
        if (System.getenv("RELGRAPH_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return INTERNAL_ERROR;
    }
}
