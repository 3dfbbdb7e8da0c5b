package org.relgraph.cli;

import java.io.PrintWriter;
import org.relgraph.schema.SchemaException;
import org.relgraph.source.MemoryPlan;
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
        MemoryPlan plan = MemoryPlan.current();
        err.println("error: out of memory (" + e.getMessage() + "); limits: Java heap " + (plan.heapBytes() >> 20)
                + " MB, ND4J off-heap " + (plan.offHeapBytes() >> 20) + " MB, DuckDB " + (plan.duckDbBytes() >> 20)
                + " MB, of " + (plan.machineBytes() >> 20) + " MB of RAM");
        err.println("hint: docs/MEMORY.md says what a dataset needs; ask for less at once (fewer --train-anchors, a "
                + "smaller --batch-size or --fanouts, --exclude-tables), or give the heap a larger share, e.g. "
                + "JAVA_OPTS='-XX:MaxRAMPercentage=70 -Dorg.bytedeco.javacpp.maxbytes=12% "
                + "-Dorg.bytedeco.javacpp.maxphysicalbytes=130%' ./relgraph ...");
        if (System.getenv("RELGRAPH_DEBUG") != null) {
            e.printStackTrace(err);
        }
        err.flush();
        return INTERNAL_ERROR;
    }
}
