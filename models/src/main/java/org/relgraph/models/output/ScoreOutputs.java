package org.relgraph.models.output;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.schema.SchemaException;

/** Chooses the writer for an output target: a file by its extension, or a PostgreSQL table by its URL. */
public final class ScoreOutputs {

    private ScoreOutputs() {
    }

    /**
     * Opens a writer for {@code target}: a path ending in {@code .csv}, {@code .parquet} or {@code .json}
     * ({@code .jsonl}), or {@code jdbc:postgresql://host:port/db?table=name[&schema=s]}. PostgreSQL credentials come
     * from {@code user=}/{@code password=} in the URL, else from the PGUSER/PGPASSWORD environment variables.
     * A database target is connected to here, so bad credentials fail before any scoring work is done.
     */
    public static ScoreTableWriter open(String target, WriteOptions options) {
        return open(target, options, ReplacePolicy.OWN_OUTPUT_ONLY, System::getenv);
    }

    /**
     * {@link #open}, replacing an existing file as {@code replace} allows: by default only one holding scores with
     * the same columns; {@link ReplacePolicy#ANYTHING} replaces any file. A database table is never replaced, only
     * the rows of the as-of date, whatever the policy.
     */
    public static ScoreTableWriter open(String target, WriteOptions options, ReplacePolicy replace) {
        return open(target, options, replace, System::getenv);
    }

    /** Writes a whole table to {@code target} in one go; see {@link #open}. */
    public static void write(String target, WriteOptions options, ScoreTable table) {
        write(target, options, ReplacePolicy.OWN_OUTPUT_ONLY, table);
    }

    /** Writes a whole table to {@code target} in one go; see {@link #open(String, WriteOptions, ReplacePolicy)}. */
    public static void write(String target, WriteOptions options, ReplacePolicy replace, ScoreTable table) {
        try (ScoreTableWriter writer = open(target, options, replace)) {
            writer.append(table);
            writer.commit();
        }
    }

    /**
     * Checks a destination without writing anything, before the work that produces the scores: a file's folder
     * exists and is writable; a database URL names a table, the server is reachable with these credentials and an
     * existing table is a relgraph score table. Fails with a one-line user error otherwise.
     */
    public static void checkDestination(String target, ReplacePolicy replace) {
        open(target, new WriteOptions(java.time.LocalDate.EPOCH, "check"), replace, System::getenv).close();
    }

    static ScoreTableWriter open(String target, WriteOptions options, UnaryOperator<String> env) {
        return open(target, options, ReplacePolicy.OWN_OUTPUT_ONLY, env);
    }

    static ScoreTableWriter open(String target, WriteOptions options, ReplacePolicy replace,
                                 UnaryOperator<String> env) {
        if (target.startsWith(PostgresTarget.PREFIX)) {
            return new PostgresScoreWriter(PostgresTarget.parse(target, env), options);
        }
        if (target.startsWith("jdbc:")) {
            throw new SchemaException("unsupported output database in " + target.replaceFirst("\\?.*", ""),
                    "scores can be written to PostgreSQL (jdbc:postgresql://...) or to a .csv/.parquet/.json file");
        }
        Path path;
        try {
            path = Path.of(target);
        } catch (InvalidPathException e) {
            throw new SchemaException("output '" + target + "' is not a valid file path", "check the path");
        }
        FileFormat format = FileFormat.ofPath(path).orElseThrow(() -> new SchemaException(
                "cannot tell the output format of '" + target + "'",
                "end the file name with .csv, .parquet or .json, or give a jdbc:postgresql:// URL"));
        return new FileScoreWriter(path, format, replace);
    }
}
