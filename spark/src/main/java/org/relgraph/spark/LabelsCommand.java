package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.timestamp_millis;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.options.OptionChecks;
import org.relgraph.options.SplitOptions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.Target;
import org.relgraph.query.TrainingTableWriter;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.TimeRange;
import org.relgraph.validate.InheritedTimes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code labels}: the training table of a predictive query, computed on Spark, written to the file
 * {@code relgraph query --out} writes, with the same options. The query is parsed and bound and the split planned
 * on the driver (the time range from one aggregation); rows are computed on the executors and streamed to the
 * driver one partition at a time in their final order, into a temporary file renamed over {@code --out}.
 */
@Command(name = "labels", mixinStandardHelpOptions = true,
        description = {"Compute a predictive query's train/val/test rows on Spark and write them as "
                + "`relgraph query --out` does (same rows, same file).",
            "",
            "Example:",
            "  spark-submit --class org.relgraph.spark.SparkMain relgraph-spark.jar labels --data bank/ \\",
            "      --query \"PREDICT COUNT(TRANSACTIONS.*, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID\" "
                + "--out labels.parquet",
            ""})
final class LabelsCommand implements Callable<Integer> {
    /** The kind --parquet-parts' folder marker names, by which neighbourhoods --labels knows the folder. */
    static final String PARTS_KIND = "Spark training table (Parquet parts)";

    static final class QueryText {
        @Option(names = "--query", paramLabel = "PQL", description = "The predictive query (see docs/PQL.md).")
        String text;

        @Option(names = "--query-file", paramLabel = "FILE", description = "Read the predictive query from a file.")
        Path file;
    }

    @Mixin
    SparkInputOptions input;

    @ArgGroup(exclusive = true, multiplicity = "1")
    QueryText query;

    @Option(names = "--out", required = true, paramLabel = "FILE",
            description = "Write the train/val/test rows (entity key, anchor time, label, split) to FILE "
                    + "(.csv or .parquet).")
    Path out;

    @Option(names = "--force", description = "Replace the --out file even if relgraph did not write it.")
    boolean force;

    @Option(names = "--parquet-parts", description = "Write --out as a folder of Parquet part files, straight from "
            + "the executors (the rows in the single file's order, part-00000 first; the same columns and types), "
            + "instead of one file the driver assembles: for tables too large for the driver's memory (one .parquet "
            + "file is built in it) or time. relgraph-spark neighbourhoods --labels reads the folder.")
    boolean parquetParts;

    @Mixin
    SplitOptions split;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Also write what each stage cost on the "
            + "executors (rows, shuffle bytes, CPU and wall time, peak memory) as JSON to FILE.")
    Path metricsFile;

    @Mixin
    SparkMasterOption master;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        split.checkRanges();
        String text = query.text != null ? query.text : readQueryFile();
        checkDestination(); // before any Spark work
        if (metricsFile != null) {
            MetricsFile.checkDestination(metricsFile, out, ReplacePolicy.force(force));
        }
        // The schema and the query are checked before Spark starts (seconds).
        // bound to the schema as loaded: a time_from table has its inherited time column, as on one machine
        SparkInputs inputs = input.open();
        Schema declared = inputs.schema();
        Schema schema = InheritedTimes.resolvedSchema(declared);
        PredictiveQuery q = PredictiveQuery.parse(text, schema);
        pw.println(q.plan());
        pw.println("Task type: " + q.taskType());
        pw.flush();
        SparkSession spark = SparkSessions.getOrCreate(master.url, "relgraph labels");
        SparkStageMetrics metrics = SparkStageMetrics.attach(spark, pw);
        try {
            SparkTables tables = input.tables(inputs, spark);
            try (SparkStageMetrics.Section s = metrics.section("checks")) {
                SparkKeyChecks.require(tables); // the loader's key rules, before any label is computed
                for (String warning : SparkLiteralValues.check(q, tables)) { // 'Mortage' is refused, as on one machine
                    spec.commandLine().getErr().println("warning: " + warning);
                }
                spec.commandLine().getErr().flush();
            }
            SparkLabels job = new SparkLabels(spark, tables, q);
            TimeRange range = metrics.measure("time range", job::queryTimeRange);
            SplitPlanner planner = split.apply(new SplitPlanner(range.min(), range.max(), q.window()));
            SplitPlan plan = planner.plan();
            pw.println("Split: " + plan);
            pw.flush();
            boolean integerKeys = job.keyType().equals(DataTypes.LongType);
            TrainingTableWriter.Layout layout = q.target() instanceof Target.ArgMax
                    ? TrainingTableWriter.Layout.candidates(q.entityKey(), integerKeys)
                    : q.target() instanceof Target.ListDistinct
                    ? TrainingTableWriter.Layout.lists(q.entityKey(), integerKeys, job.integerListKeys())
                    : TrainingTableWriter.Layout.scalar(q.entityKey(), integerKeys);
            long rows;
            try (SparkStageMetrics.Section s = metrics.section("labels")) {
                rows = parquetParts ? writeParts(spark, job.labels(plan), layout) : write(job.labels(plan), layout);
            }
            pw.println("Wrote " + rows + " rows to " + out);
            pw.print(metrics.summary());
            if (metricsFile != null) {
                MetricsFile.write(metricsFile, "labels", out, rows, metrics.json("  "));
                pw.println("Wrote the metrics to " + metricsFile);
            }
            pw.flush();
            return 0;
        } finally {
            metrics.close();
            SparkSessions.stopIfOwned(spark);
        }
    }

    /** --out must be writable as what it will be, a file or (--parquet-parts) a folder relgraph may replace. */
    private void checkDestination() {
        ReplacePolicy policy = ReplacePolicy.force(force);
        if (!parquetParts) {
            TrainingTableWriter.checkDestination(out, policy);
            return;
        }
        if (out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv")) {
            throw new SchemaException("--parquet-parts writes a folder of Parquet files, but --out " + out
                    + " names a CSV file", "give a folder, e.g. --out labels/, or leave --parquet-parts out");
        }
        OutputFolder.checkDestination(out, policy);
    }

    /**
     * The rows as Parquet part files written by the executors into a temporary folder renamed to --out when
     * complete: the key, anchor_time (a timestamp without zone, UTC wall clock, as the single-machine file's
     * DuckDB TIMESTAMP), label (a double, or a list of keys), [target_key], split. Each part holds one sorted
     * partition, so the parts in name order are the single file's rows in order.
     */
    private long writeParts(SparkSession spark, Dataset<Row> labels, TrainingTableWriter.Layout layout)
            throws IOException {
        List<String> names = TrainingTableWriter.header(layout);
        String[] columns = labels.columns();
        Column[] typed = new Column[names.size()];
        for (int i = 0; i < typed.length; i++) {
            Column c = col("`" + columns[i] + "`");
            if (names.get(i).equals("anchor_time")) {
                c = timestamp_millis(c).cast(DataTypes.TimestampNTZType);
            } else if (names.get(i).equals("label") && layout.listLabels() && layout.integerListKeys()) {
                c = c.cast(DataTypes.createArrayType(DataTypes.LongType)); // the job keeps list keys as text
            }
            typed[i] = c.as(names.get(i));
        }
        // INT64 microseconds, as DuckDB writes a TIMESTAMP (Spark's default would be the legacy INT96)
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        long[] rows = {0};
        OutputFolder.write(out, PARTS_KIND, ReplacePolicy.force(force), folder -> {
            // the temporary folder is ours and empty: Spark replaces it with its parts (the marker comes after)
            labels.select(typed).write().mode(SaveMode.Overwrite).parquet(folder.toString());
            rows[0] = spark.read().parquet(folder.toString()).count();
        });
        return rows[0];
    }

    private long write(Dataset<Row> labels, TrainingTableWriter.Layout layout) throws IOException {
        Iterator<Row> rows = labels.toLocalIterator();
        long[] n = {0};
        Iterator<TrainingTableWriter.Example> examples = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public TrainingTableWriter.Example next() {
                Row r = rows.next();
                n[0]++;
                String key = layout.integerKeys() ? Long.toString(r.getLong(0)) : r.getString(0);
                if (layout.candidates()) {
                    return TrainingTableWriter.Example.candidate(key, r.getLong(1), r.getDouble(2), r.getString(3),
                            r.getString(4));
                }
                if (layout.listLabels()) {
                    return TrainingTableWriter.Example.list(key, r.getLong(1), r.getList(2), r.getString(3));
                }
                return new TrainingTableWriter.Example(key, r.getLong(1), r.getDouble(2), r.getString(3));
            }
        };
        TrainingTableWriter.write(layout, examples, out, ReplacePolicy.force(force));
        return n[0];
    }

    private String readQueryFile() throws IOException {
        return readQueryFile(query.file);
    }

    /** The query in {@code file} ({@code --query-file}), or a one-line error when there is no such file. */
    static String readQueryFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new SchemaException("--query-file " + file + " does not exist",
                    "give the path of a file holding the query, or pass it inline with --query");
        }
        return Files.readString(file);
    }

    static String iso(long t) {
        return Instant.ofEpochMilli(t).toString();
    }
}
