package org.relgraph.spark;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code spark-submit --class org.relgraph.spark.SparkMain relgraph-spark.jar SUBCOMMAND ...}: relgraph's jobs on
 * Apache Spark. Without a master from spark-submit ({@code spark.master}) or {@code --master}, it runs in local
 * mode on this machine's cores. A user error prints {@code error:} and {@code hint:} lines and exits 2, as
 * {@code relgraph} does; set RELGRAPH_DEBUG=1 for the stack trace.
 */
@Command(name = "relgraph-spark", mixinStandardHelpOptions = true,
        subcommands = {LabelsCommand.class, NeighbourhoodsCommand.class, ScoreCommand.class, TrainCommand.class},
        description = "relgraph's jobs on Apache Spark (see docs/SPARK.md).")
public final class SparkMain implements Runnable {
    static final int USER_ERROR = 2;
    static final int INTERNAL_ERROR = 3;

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<SchemaException> missing = missingSpark(SparkMain.class.getClassLoader());
        if (missing.isPresent()) {
            System.exit(handle(missing.get(), err));
        }
        Optional<SchemaException> closed = closedPackages(SparkMain.class.getModule());
        if (closed.isPresent()) {
            System.exit(handle(closed.get(), err));
        }
        System.exit(run(args, new PrintWriter(System.out, true), err));
    }

    /**
     * Spark is {@code provided}: spark-submit puts it on the class path, a plain {@code java} launch may not. Say so
     * before a job fails with NoClassDefFoundError somewhere inside.
     */
    static Optional<SchemaException> missingSpark(ClassLoader loader) {
        try {
            Class.forName("org.apache.spark.sql.SparkSession", false, loader);
            return Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.of(new SchemaException("Apache Spark is not on the class path (the relgraph-spark jar "
                    + "does not bundle it)", "run the job with spark-submit, or add Spark's jars to -cp as "
                    + "docs/SPARK.md shows"));
        }
    }

    /** The java.base packages spark-submit opens to Spark on Java 17 (its launcher's --add-opens list). */
    static final List<String> SPARK_OPENS = List.of("java.lang", "java.lang.invoke", "java.lang.reflect", "java.io",
            "java.net", "java.nio", "java.util", "java.util.concurrent", "java.util.concurrent.atomic",
            "jdk.internal.ref", "sun.nio.ch", "sun.nio.cs", "sun.security.action", "sun.util.calendar");

    /**
     * A plain {@code java} launch on Java 17 lacks the {@code --add-opens} flags spark-submit adds. Small jobs run
     * without them, which hides the problem: the first cached block that goes through Spark's Kryo serializer
     * (on the 1M bank: a full population's neighbourhoods, 26 minutes in) fails with InaccessibleObjectException
     * for java.nio. So the entry point refuses to start without them, naming the flags.
     */
    static Optional<SchemaException> closedPackages(Module spark) {
        Module javaBase = Object.class.getModule();
        List<String> closed = SPARK_OPENS.stream().filter(p -> !javaBase.isOpen(p, spark)).toList();
        if (closed.isEmpty()) {
            return Optional.empty();
        }
        String flags = closed.stream().map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED")
                .collect(Collectors.joining(" "));
        return Optional.of(new SchemaException("this JVM does not open java.base's " + closed.get(0)
                + (closed.size() > 1 ? " (and " + (closed.size() - 1) + " more packages)" : "")
                + " to Spark: on Java 17 Spark's Kryo serializer, which stores and ships cached blocks, fails "
                + "without them, often long into a job", "run the job with spark-submit (it adds them), or give "
                + "java the repository's argument file, java @spark/jvm-opens.args -cp ..., or these flags: " + flags));
    }

    /** Runs one command with its output on {@code out} and {@code err}; the exit code. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new SparkMain());
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setExecutionExceptionHandler((ex, c, parsed) -> handle(ex, err));
        return cmd.execute(args);
    }

    private static int handle(Exception ex, PrintWriter err) {
        Throwable cause = ex;
        while (!(cause instanceof SchemaException) && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        int code;
        if (cause instanceof SchemaException se) {
            err.println("error: " + se.getMessage());
            if (se.hint() != null && !se.hint().isBlank()) {
                err.println("hint: " + se.hint());
            }
            code = USER_ERROR;
        } else {
            err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
            err.println("hint: this looks like a bug in relgraph; re-run with RELGRAPH_DEBUG=1 for the stack trace");
            code = INTERNAL_ERROR;
        }
        if (System.getenv("RELGRAPH_DEBUG") != null) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a job, e.g. labels");
    }
}
