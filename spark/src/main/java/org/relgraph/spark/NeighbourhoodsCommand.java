package org.relgraph.spark;

import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.relgraph.gnn.model.Sampling;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.validate.InheritedTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neighbourhoods}: each seed's MOST_RECENT sampled subgraph as of its anchor (or the input cutoff, if
 * earlier), materialised once as Parquet for every epoch and for scoring (see {@link SparkNeighbourhoods} for the
 * rules and docs/SPARK.md for the layout).
 * The seeds are the rows of a training table file, or a query's scoring population as of a date (what
 * {@code relgraph predict --as-of} scores); the output folder is written whole or not at all.
 */
@Command(name = "neighbourhoods", mixinStandardHelpOptions = true,
        description = {"Materialise each seed's time-respecting MOST_RECENT sampled subgraph (the in-memory "
                + "sampler's nodes, as of the seed's anchor, or of --input-cutoff when that is earlier) as Parquet, "
                + "partitioned by seed bucket.",
            "",
            "Example:",
            "  spark-submit --class org.relgraph.spark.SparkMain relgraph-spark.jar neighbourhoods --data bank/ \\",
            "      --labels mortgage.csv --fanouts 10,5 --out mortgage-neighbourhoods/",
            "",
            "The seeds to score a model as of a date (its query's population then, as relgraph predict --as-of):",
            "  spark-submit --class org.relgraph.spark.SparkMain relgraph-spark.jar neighbourhoods --data bank/ \\",
            "      --model mortgage-model/ --as-of 2024-12-31 --out scoring-neighbourhoods/",
            ""})
final class NeighbourhoodsCommand implements Callable<Integer> {
    /** What a bucket aims to hold: enough seeds that a task's file is worth opening, few enough to batch in memory. */
    static final long SEEDS_PER_BUCKET = 50_000;
    static final String SUBGRAPHS = "subgraphs";
    static final String METADATA = "neighbourhoods.json";
    static final String SUMMARIES = "summaries";
    private static final String DEFAULT_FANOUTS = Sampling.DEFAULTS.fanouts().stream().map(String::valueOf)
            .collect(Collectors.joining(","));

    @Mixin
    SparkInputOptions input;

    @Option(names = "--labels", paramLabel = "FILE", description = "The seeds: a training table "
            + "(.csv or .parquet) as relgraph query --out or relgraph-spark labels writes it.")
    Path labels;

    @Option(names = "--as-of", paramLabel = "DATE", description = "Instead of --labels, the seeds to score as of "
            + "DATE: every entity of the query that exists then and passes its filter, as relgraph predict --as-of "
            + "chooses them (a population condition, a window after the anchor, counts as met).")
    String asOf;

    @Option(names = "--query", paramLabel = "PQL", description = "With --as-of: the predictive query whose population "
            + "is scored (default: --model's query).")
    String queryText;

    @Option(names = "--entity", paramLabel = "TABLE", description = "The seeds' table (default: the table whose "
            + "primary key names the labels file's first column).")
    String entity;

    @Option(names = "--fanouts", paramLabel = "K1,K2", description = "Neighbours sampled per node and edge type at "
            + "each hop, as the model's --fanouts (default: --model's, else relgraph train's default).")
    String fanouts;

    @Option(names = "--model", paramLabel = "BUNDLE", description = "A GNN model folder (relgraph train --out): "
            + "also write each sampled node's child summaries under its fitted encoding (summaries/).")
    Path model;

    @Option(names = "--sampling", paramLabel = "STRATEGY", description = "Neighbour sampling; only MOST_RECENT "
            + "(deterministic) can be materialised (default ${DEFAULT-VALUE}).")
    String sampling = SamplerConfig.Strategy.MOST_RECENT.name();

    @Option(names = "--input-cutoff", paramLabel = "DATE", description = "The latest time any seed's inputs may "
            + "see (RelBench's protocol), as relgraph train --input-cutoff: a seed is sampled as of min(anchor, DATE) "
            + "and keeps its anchor as seed_time. Default: each seed sees data up to its own anchor.")
    String inputCutoff;

    @Option(names = "--buckets", paramLabel = "N", description = "Seed buckets (Parquet partitions seed_bucket=0.."
            + "N-1; default: one per " + SEEDS_PER_BUCKET + " seeds).")
    Integer buckets;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The output folder.")
    Path out;

    @Option(names = "--force", description = "Replace the --out folder even if relgraph did not write it.")
    boolean force;

    @Mixin
    SparkMasterOption master;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        checkStrategy(sampling);
        ModelBundle bundle = model == null ? null : SparkModelBundles.load(model);
        int[] hops = parseFanouts(fanouts != null ? fanouts : bundle != null ? Arrays.stream(bundle.config()
                .samplerConfig().fanouts()).mapToObj(String::valueOf).collect(Collectors.joining(","))
                : DEFAULT_FANOUTS);
        OptionalLong cutoffMs = TimestampLiteral.parseOption("--input-cutoff", inputCutoff);
        Long cutoff = cutoffMs.isPresent() ? cutoffMs.getAsLong() : null;
        if (buckets != null && buckets < 1) {
            throw new SchemaException("--buckets " + buckets + " is not positive", "give 1 or more, or leave it out");
        }
        ReplacePolicy policy = ReplacePolicy.force(force);
        OutputFolder.checkDestination(out, policy); // before any Spark work
        OptionalLong scoringTime = checkSeedSource(bundle);
        SparkInputs inputs = input.open();
        Schema schema = inputs.schema();
        PredictiveQuery query = scoringTime.isEmpty() ? null : populationQuery(bundle, schema);
        SparkSession spark = SparkSessions.getOrCreate(master.url, "relgraph neighbourhoods");
        SparkTables tables = input.tables(inputs, spark);
        SparkNeighbourhoods job = new SparkNeighbourhoods(spark, tables, hops, cutoff);
        SparkStageMetrics metrics = SparkStageMetrics.attach(spark, pw);
        job.measuredBy(metrics);
        try {
            // before any Spark work: a model trained on another schema is refused at once
            SparkChildSummaries summaries = bundle == null ? null
                    : new SparkChildSummaries(tables, bundle.encoding(), job::positioned);
            // The loader's key rules, as labels applies them: a dangling key would otherwise silently be no edge
            // here, where one machine refuses the data.
            try (SparkStageMetrics.Section s = metrics.section("checks")) {
                SparkKeyChecks.require(tables);
                if (query != null) {
                    for (String warning : SparkLiteralValues.check(query, tables)) { // 'Mortage' is refused here too
                        spec.commandLine().getErr().println("warning: " + warning);
                    }
                    spec.commandLine().getErr().flush();
                }
            }
            SeedLabels seeds = metrics.measure("seeds", () -> query != null
                    ? SeedLabels.population(query, new SparkLabels(spark, tables, query)
                            .population(scoringTime.getAsLong()))
                    : SeedLabels.read(spark, labels, schema, entity, job::keyType));
            long seedCount = metrics.measure("seeds", () -> seeds.seeds().count());
            int b = buckets != null ? buckets : (int) Math.max(1, (seedCount + SEEDS_PER_BUCKET - 1)
                    / SEEDS_PER_BUCKET);
            pw.println("Seeds: " + seedCount + " (" + seeds.entityTable() + " x anchor), MOST_RECENT fanouts "
                    + Arrays.toString(hops) + ", " + b + " bucket" + (b == 1 ? "" : "s")
                    + (cutoff == null ? "" : ", inputs up to " + LabelsCommand.iso(cutoff)));
            pw.flush();
            long[] counts = new long[3];
            OutputFolder.write(out, "Spark neighbourhoods", policy, folder -> {
                Path parquet = folder.resolve(SUBGRAPHS);
                job.write(seeds.entityTable(), seeds.seeds(), parquet, b);
                Row total = metrics.measure("count", () -> spark.read().parquet(parquet.toString())
                        .agg(count(lit(1)), sum(SparkNeighbourhoods.COPIES)).first());
                counts[0] = total.getLong(0);
                counts[1] = total.isNullAt(1) ? 0 : total.getLong(1);
                // a model trained without child summaries (--no-child-summaries) needs none: no folder then
                if (summaries != null && !summaries.summarisedTables().isEmpty()) {
                    Path summaryFolder = folder.resolve(SUMMARIES);
                    try (SparkStageMetrics.Section s = metrics.section("summaries")) {
                        summaries.write(spark.read().parquet(parquet.toString()), summaryFolder, b);
                        counts[2] = spark.read().parquet(summaryFolder.toString()).count();
                    }
                }
                Files.writeString(folder.resolve(METADATA), metadata(query, scoringTime, inputs, seeds.entityTable(), hops,
                        cutoff, seedCount, b, counts[0], counts[1], bundle == null ? null
                                : SparkModelBundles.identity(model, bundle), counts[2], metrics.json("  ")));
            });
            pw.println("Wrote " + counts[0] + " rows (" + counts[1] + " sampled nodes)"
                    + (summaries == null ? "" : " and " + counts[2] + " child summaries") + " to " + out);
            pw.print(metrics.summary());
            pw.flush();
            return 0;
        } finally {
            metrics.close();
            job.release();
            SparkSessions.stopIfOwned(spark);
        }
    }

    /**
     * Exactly one seed source, checked before Spark starts: a labels file, or a date (with a query, or a model
     * that holds one). The scoring time, or empty for a labels file.
     */
    private OptionalLong checkSeedSource(ModelBundle bundle) {
        if ((labels == null) == (asOf == null)) {
            throw new SchemaException(labels == null ? "neighbourhoods needs seeds: --labels FILE or --as-of DATE"
                    : "--labels and --as-of are two seed sources; give one", "--labels FILE for a training table's "
                    + "seeds (training, evaluation), --as-of DATE for the entities to score then");
        }
        if (labels != null) {
            if (queryText != null) {
                throw new SchemaException("--query is for --as-of: a labels file's seeds are its rows",
                        "leave --query out, or give --as-of DATE instead of --labels");
            }
            if (!Files.exists(labels)) {
                throw new SchemaException("--labels " + labels + " does not exist", "give the training table file "
                        + "relgraph query --out or relgraph-spark labels wrote");
            }
            SeedLabels.requireSource(labels); // a folder: the one labels --parquet-parts wrote, not another
            return OptionalLong.empty();
        }
        if (entity != null) {
            throw new SchemaException("--entity is for --labels: with --as-of the query's FOR EACH names the entity "
                    + "table", "leave --entity out");
        }
        if (queryText == null && bundle == null) {
            throw new SchemaException("--as-of " + asOf + " needs the query whose population to score",
                    "give --model BUNDLE (its query is used) or --query \"PREDICT ...\"");
        }
        return OptionalLong.of(TimestampLiteral.parseOption("--as-of", asOf).getAsLong());
    }

    /** The query of {@code --query}, else of the model, bound to the data's schema. */
    private PredictiveQuery populationQuery(ModelBundle bundle, Schema schema) {
        String text = queryText != null ? queryText : bundle.manifest().query();
        Schema resolved = InheritedTimes.resolvedSchema(schema);
        return PredictiveQuery.parse(text, resolved);
    }

    /** Only MOST_RECENT sampling is the same every epoch, so only it can be materialised once. */
    static void checkStrategy(String text) {
        String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (name.equals(SamplerConfig.Strategy.MOST_RECENT.name())) {
            return;
        }
        boolean known = Arrays.stream(SamplerConfig.Strategy.values()).anyMatch(s -> s.name().equals(name));
        throw new SchemaException("--sampling " + text + (known ? ": the Spark job materialises MOST_RECENT "
                + "neighbourhoods only" : " is not a sampling strategy"), known ? "UNIFORM draws new neighbours every "
                + "epoch, so one materialisation cannot serve training; train with --sampling MOST_RECENT, or sample "
                + "on one machine" : "give MOST_RECENT (the only one the Spark job materialises)");
    }

    /** "10,5" as {10, 5}: one count per hop, each at least 1, as {@code relgraph train --fanouts} takes them. */
    static int[] parseFanouts(String text) {
        String hint = "give neighbours per hop separated by commas, one count per layer, e.g. --fanouts 10,5";
        String[] parts = text.strip().isEmpty() ? new String[0] : text.split(",", -1);
        if (parts.length == 0) {
            throw new SchemaException("--fanouts is empty", hint);
        }
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Integer.parseInt(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new SchemaException("--fanouts '" + text + "': '" + parts[i].strip() + "' is not a whole number",
                        hint);
            }
            if (out[i] < 1) {
                throw new SchemaException("--fanouts '" + text + "': " + out[i] + " is not at least 1", hint);
            }
        }
        return out;
    }

    /** @param scoringTime {@code --as-of}'s time (checked once, by {@link #checkSeedSource}); empty with --labels */
    private String metadata(PredictiveQuery query, OptionalLong scoringTime, SparkInputs inputs, String entityTable,
            int[] hops, Long cutoff, long seeds, int bucketCount, long rows, long nodes, String model, long summaryRows,
            String sparkMetrics) {
        return "{\n"
                + "  \"job\": \"neighbourhoods\",\n"
                + "  \"entity_table\": \"" + json(entityTable) + "\",\n"
                + (labels != null ? "  \"labels\": \"" + json(labels.toAbsolutePath().toString()) + "\",\n"
                        : "  \"as_of\": \"" + LabelsCommand.iso(scoringTime.getAsLong()) + "\",\n  \"query\": \""
                        + json(query.text()) + "\",\n")
                + "  \"data\": \"" + json(inputs.identity()) + "\",\n"
                + "  \"strategy\": \"MOST_RECENT\",\n"
                + "  \"fanouts\": " + Arrays.toString(hops) + ",\n"
                + "  \"input_cutoff\": " + (cutoff == null ? "null" : "\"" + LabelsCommand.iso(cutoff) + "\"") + ",\n"
                + "  \"seeds\": " + seeds + ",\n"
                + "  \"buckets\": " + bucketCount + ",\n"
                + "  \"rows\": " + rows + ",\n"
                + "  \"sampled_nodes\": " + nodes + ",\n"
                + (model == null ? "" : "  \"model\": " + model + ",\n"
                + "  \"summaries\": " + summaryRows + ",\n")
                + "  \"spark_metrics\": " + sparkMetrics + "\n"
                + "}\n";
    }

    private static String json(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
