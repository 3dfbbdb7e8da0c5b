package org.relgraph.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.explain.ReasonColumns;
import org.relgraph.models.gnn.GnnBatchScorer;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.models.output.ScoreOutputs;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.output.WriteOptions;
import org.relgraph.models.predict.ActionTiers;
import org.relgraph.models.predict.PropensityTable;
import org.relgraph.options.ExplainOption;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code score}: a GNN bundle's scores of every seed of materialised neighbourhoods, per as-of date (the seeds'
 * anchors) ranked and tiered as {@code relgraph predict} ranks them, written as Parquet or to PostgreSQL with
 * predict's staging-and-swap per as-of date; with {@code --explain K}, predict --explain's REASON_1..K columns
 * after them. The executors do the forward passes and explanations ({@link SparkScoring}); the driver holds one as-of
 * date's ranked table at a time.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {"Score every seed of materialised neighbourhoods with a GNN bundle, as relgraph predict scores "
                + "each entity as of a date (the seeds' anchors are the dates), ranked per date.",
            "",
            "Example:",
            "  spark-submit --class org.relgraph.spark.SparkMain relgraph-spark.jar score --model out/mortgage-model \\",
            "      --data bank/ --neighbourhoods population-neighbourhoods/ --out scores/",
            ""})
final class ScoreCommand implements Callable<Integer> {
    static final String SCORES_FILE = "scores.parquet";

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "A GNN bundle relgraph train wrote.")
    Path model;

    /** The data the neighbourhoods were materialised from (checked against their neighbourhoods.json). */
    @Mixin
    SparkInputOptions input;

    @Option(names = "--neighbourhoods", required = true, paramLabel = "DIR",
            description = "What relgraph-spark neighbourhoods wrote for the seeds to score, with the model's fanouts.")
    Path neighbourhoods;

    @Option(names = "--out", required = true, paramLabel = "DIR|JDBC_URL", description = "A folder (Parquet: "
            + "as_of=YYYY-MM-DD/scores.parquet per date) or jdbc:postgresql://…?table=NAME (each date's rows "
            + "replaced in one transaction, as relgraph predict does).")
    String out;

    @Option(names = "--force", description = "Replace the --out folder even if relgraph did not write it.")
    boolean force;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0",
            description = "Keep only the N best of each date (default: all).")
    int top;

    @Option(names = "--tiers", paramLabel = "OUTREACH,NURTURE", defaultValue = "0.1,0.3",
            description = "Rank shares for Priority Outreach and Nurture Campaign (default ${DEFAULT-VALUE}).")
    String tiers;

    /** As relgraph predict --explain: the reasons are computed in the executors. */
    @Mixin
    ExplainOption explain;

    @Mixin
    SparkMasterOption master;

    @Spec
    CommandSpec spec;

    /**
     * Whether explaining is a second pass over the seeds the ranking keeps (--explain with --top): an explanation
     * costs many forward passes, and most seeds would be dropped.
     */
    private boolean explainKept() {
        return explain.reasons() > 0 && top > 0;
    }

    /** Whether the scores' rows carry their reasons (explaining without --top: every row is kept). */
    private boolean reasonsInScores() {
        return explain.reasons() > 0 && !explainKept();
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter pw = spec.commandLine().getOut();
        if (top < 0) {
            throw new SchemaException("--top must be 0 or more, got " + top,
                    "--top N keeps the N best of each date; 0, the default, keeps all");
        }
        explain.check();
        ActionTiers shares;
        try {
            shares = ActionTiers.parse(tiers);
        } catch (SchemaException e) {
            throw new SchemaException("--tiers: " + e.getMessage(), e.hint());
        }
        ReplacePolicy policy = ReplacePolicy.force(force);
        boolean database = out.startsWith("jdbc:");
        if (database) {
            ScoreOutputs.checkDestination(out, policy);
        } else {
            OutputFolder.checkDestination(Path.of(out), policy);
        }
        ModelBundle bundle = ModelBundle.load(model);
        SparkInputs inputs = input.open();
        Schema schema = inputs.schema();
        Schema resolved = org.relgraph.validate.InheritedTimes.resolvedSchema(schema);
        String entity = GnnBatchScorer.requireScorable(bundle, model, resolved);
        boolean summaries = GnnBatchScorer.readsChildSummaries(bundle);
        Neighbourhoods stored = Neighbourhoods.check(neighbourhoods, bundle, model, entity, summaries);
        inputs.requireSampledFrom(Neighbourhoods.metadata(neighbourhoods), neighbourhoods, "score");
        PredictiveQuery query = PredictiveQuery.parse(bundle.manifest().query(), resolved);
        String display = PropensityTable.displayColumn(resolved.requireTable(entity)).map(ColumnSchema::name)
                .orElse(null);

        SparkSession spark = SparkSessions.getOrCreate(master.url, "relgraph score");
        try {
            SparkTables tables = input.tables(inputs, spark);
            Map<String, List<SparkScoring.ColumnLayout>> layouts = SparkScoring.layouts(tables);
            SparkScoring.Job job = new SparkScoring.Job(SparkScoring.bundleFiles(model),
                    model.toAbsolutePath() + "@" + bundle.config().identity() + "@" + Files.getLastModifiedTime(
                            model.resolve("weights.bin")).toMillis(), SchemaYaml.toYaml(schema), layouts, display,
                    summaries, bundle.config().batchSize(), explain.reasons());
            List<SparkScoring.SummarisedChildren> children = explain.reasons() > 0
                    ? SparkScoring.summarisedChildren(bundle, resolved, entity) : List.of();
            boolean explainKept = explainKept();
            SparkScoring.Job scoreJob = explainKept ? job.withExplain(0) : job;
            Dataset<Row> nodes = spark.read().parquet(stored.subgraphs().toString());
            Dataset<Row> summaryRows = summaries ? spark.read().parquet(stored.summaries().toString()) : null;
            pw.println("Scoring " + stored.seeds() + " seeds of " + entity + " with " + model + " ("
                    + bundle.manifest().taskType().toString().toLowerCase(Locale.ROOT) + (summaries
                    ? ", child summaries from " + stored.summaries() : "")
                    + (explain.reasons() > 0 ? ", " + explain.reasons() + " reasons each" : "") + ")");
            pw.flush();
            long t0 = System.nanoTime();
            Iterator<Row> sorted = SparkScoring.scores(spark, tables, nodes, summaryRows,
                            explainKept ? List.of() : children, scoreJob)
                    .orderBy(SparkNeighbourhoods.SEED_TIME, SparkNeighbourhoods.SEED_ROW).toLocalIterator();
            Explainer kept = explainKept ? cut -> SparkScoring.explainKept(spark, tables, nodes, summaryRows,
                    children, job, cut) : null;
            long[] explained = {0};
            String modelId = model.toAbsolutePath().normalize().getFileName().toString();
            Map<LocalDate, ScoreTable> written = new LinkedHashMap<>();
            if (database) {
                ranked(sorted, query, display, shares, kept, explained, (day, table) -> {
                    ScoreOutputs.write(out, new WriteOptions(day, modelId), policy, table);
                    written.put(day, table);
                });
            } else {
                OutputFolder.write(Path.of(out), "Spark scores", policy, folder -> ranked(sorted, query, display,
                        shares, kept, explained, (day, table) -> {
                            Path dir = Files.createDirectories(folder.resolve("as_of=" + day));
                            ScoreOutputs.write(dir.resolve(SCORES_FILE).toString(), new WriteOptions(day, modelId),
                                    ReplacePolicy.force(false), table);
                            written.put(day, table);
                        }));
            }
            long rows = written.values().stream().mapToLong(ScoreTable::rowCount).sum();
            pw.printf(Locale.ROOT, "Wrote %,d rows (%d as-of date%s) to %s in %.1f s%n", rows, written.size(),
                    written.size() == 1 ? "" : "s", org.relgraph.source.PostgresUrl.masked(out),
                    (System.nanoTime() - t0) / 1e9);
            if (explainKept) {
                pw.printf(Locale.ROOT, "Explained %,d seeds (the rows --top %d keeps of each date)%n", explained[0],
                        top);
            }
            pw.flush();
            return 0;
        } finally {
            SparkSessions.stopIfOwned(spark);
        }
    }

    interface DateSink {
        void accept(LocalDate day, ScoreTable table) throws IOException;
    }

    /** One as-of date's ranked (and cut) table, before any reasons, with the entity row of each of its keys. */
    record Ranked(LocalDate day, long anchor, ScoreTable table, Map<String, Long> seedRows) {
        /** The entity rows of the table's rows (those the cut kept). */
        List<Long> seedRowsOfTable() {
            List<Long> rows = new ArrayList<>(table.rowCount());
            for (int i = 0; i < table.rowCount(); i++) {
                rows.add(seedRows.get(table.column(0).string(i)));
            }
            return rows;
        }
    }

    /** The reasons of the seeds of some ranked tables, by {@link SparkScoring#reasonKey}. */
    interface Explainer {
        Map<String, String[]> explain(List<Ranked> cut);
    }

    /**
     * The ranked tables, with reasons when explaining, handed to {@code sink} in date order. With {@code kept}, the
     * scores carry no reasons yet: every date is ranked and cut first (the driver holds at most --top rows per
     * date), then {@code kept} explains those rows only, and {@code explained[0]} counts them.
     */
    private void ranked(Iterator<Row> sorted, PredictiveQuery query, String display, ActionTiers shares,
                        Explainer kept, long[] explained, DateSink sink) throws IOException {
        if (kept == null) {
            perDate(sorted, query, display, shares, r -> sink.accept(r.day(), r.table()));
            return;
        }
        List<Ranked> cut = new ArrayList<>();
        perDate(sorted, query, display, shares, cut::add);
        Map<String, String[]> reasons = kept.explain(cut);
        explained[0] = reasons.size();
        for (Ranked r : cut) {
            List<String[]> texts = new ArrayList<>(r.table().rowCount());
            for (int i = 0; i < r.table().rowCount(); i++) {
                String[] t = reasons.get(SparkScoring.reasonKey(r.anchor(), r.table().column(0).string(i)));
                if (t == null) {
                    throw new IllegalStateException("no reasons came back for " + r.table().column(0).string(i)
                            + " as of " + r.day());
                }
                texts.add(t);
            }
            sink.accept(r.day(), ReasonColumns.appendTexts(r.table(), texts, explain.reasons()));
        }
    }

    interface RankedSink {
        void accept(Ranked ranked) throws IOException;
    }

    /** Cuts the (anchor, entity row)-sorted scores into one ranked table per anchor date and hands each on. */
    private void perDate(Iterator<Row> sorted, PredictiveQuery query, String display, ActionTiers shares,
                         RankedSink sink) throws IOException {
        List<Row> day = new ArrayList<>();
        while (sorted.hasNext()) {
            Row r = sorted.next();
            if (!day.isEmpty() && day.get(0).getLong(0) != r.getLong(0)) {
                emit(day, query, display, shares, sink);
                day.clear();
            }
            day.add(r);
        }
        if (!day.isEmpty()) {
            emit(day, query, display, shares, sink);
        }
    }

    private void emit(List<Row> day, PredictiveQuery query, String display, ActionTiers shares, RankedSink sink)
            throws IOException {
        int n = day.size();
        String[] keys = new String[n];
        String[] names = display == null ? null : new String[n];
        double[] scores = new double[n];
        Map<String, String[]> reasons = new HashMap<>();
        Map<String, Long> seedRows = new HashMap<>();
        boolean withReasons = reasonsInScores();
        for (int i = 0; i < n; i++) {
            Row r = day.get(i);
            keys[i] = r.getString(2);
            seedRows.put(keys[i], r.getLong(1));
            if (names != null) {
                names[i] = r.getString(3);
            }
            scores[i] = r.getDouble(4);
            if (withReasons) {
                reasons.put(keys[i], r.<String>getList(5).toArray(String[]::new));
            }
        }
        LocalDate date = Instant.ofEpochMilli(day.get(0).getLong(0)).atZone(ZoneOffset.UTC).toLocalDate();
        ScoreTable table = PropensityTable.build(query, keys, display, names, scores, shares, top);
        if (withReasons) {
            // the ranked (and cut) table's rows, each with its seed's reasons, as predict --explain appends them
            List<String[]> texts = new ArrayList<>(table.rowCount());
            for (int i = 0; i < table.rowCount(); i++) {
                texts.add(reasons.get(table.column(0).string(i)));
            }
            table = ReasonColumns.appendTexts(table, texts, explain.reasons());
        }
        sink.accept(new Ranked(date, day.get(0).getLong(0), table, seedRows));
    }

    /** A neighbourhoods folder checked against the bundle before any Spark work. */
    record Neighbourhoods(Path subgraphs, Path summaries, long seeds) {
        private static final String HINT_REBUILD = "run relgraph-spark neighbourhoods with the model's --fanouts";

        static Neighbourhoods check(Path dir, ModelBundle bundle, Path model, String entity, boolean summaries)
                throws IOException {
            Path subgraphs = dir.resolve(NeighbourhoodsCommand.SUBGRAPHS);
            JsonNode json = metadata(dir);
            int[] fanouts = fanouts(json);
            int[] wanted = bundle.config().samplerConfig().fanouts();
            if (!Arrays.equals(fanouts, wanted)) {
                throw new SchemaException("--neighbourhoods " + dir + " were sampled with fanouts "
                        + Arrays.toString(fanouts) + ", and the model at " + model + " samples "
                        + Arrays.toString(wanted), HINT_REBUILD.replace("--fanouts", "--fanouts "
                        + String.join(",", Arrays.stream(wanted).mapToObj(String::valueOf).toList())));
            }
            String table = json.path("entity_table").asText();
            if (!table.equalsIgnoreCase(entity)) {
                throw new SchemaException("--neighbourhoods " + dir + " hold seeds of " + table + ", and the model at "
                        + model + " scores " + entity, "materialise the neighbourhoods of the model's entities");
            }
            if (!json.path("input_cutoff").isNull() && !json.path("input_cutoff").isMissingNode()) {
                throw new SchemaException("--neighbourhoods " + dir + " were sampled with --input-cutoff "
                        + json.path("input_cutoff").asText() + ", and scoring sees each seed's data as of its own "
                        + "date, as relgraph predict does", "materialise them without --input-cutoff");
            }
            Path summaryDir = dir.resolve(SparkScoring.SUMMARIES);
            if (summaries) {
                if (!Files.isDirectory(summaryDir)) {
                    throw new SchemaException("the model at " + model + " reads child summaries, and --neighbourhoods "
                            + dir + " has none (no " + SparkScoring.SUMMARIES + "/ folder)", "run neighbourhoods with "
                            + "--model " + model + " so it writes the model's child summaries");
                }
                // The summaries' floats depend on the fitted encoding only (its values, scalings): another bundle
                // with the same encoding.json reads them correctly, one with another encoding would not.
                String stored = json.path("model").path("encoding_sha256").asText(null);
                String expected = SparkModelBundles.encodingHash(model);
                if (stored == null || !stored.equals(expected)) {
                    throw new SchemaException("--neighbourhoods " + dir + " hold the child summaries of another model ("
                            + json.path("model").path("bundle").asText("unnamed") + ", encoding " + stored
                            + "; the model at " + model + " has encoding " + expected + ")",
                            "run neighbourhoods with --model " + model);
                }
            }
            return new Neighbourhoods(subgraphs, summaryDir, json.path("seeds").asLong());
        }

        /** {@code neighbourhoods.json} of a folder the neighbourhoods job wrote (with its subgraphs/), else refused. */
        static JsonNode metadata(Path dir) {
            Path meta = dir.resolve(NeighbourhoodsCommand.METADATA);
            Path subgraphs = dir.resolve(NeighbourhoodsCommand.SUBGRAPHS);
            if (!Files.isDirectory(dir) || !Files.isRegularFile(meta) || !Files.isDirectory(subgraphs)) {
                throw new SchemaException("--neighbourhoods " + dir + " is not a folder relgraph-spark neighbourhoods "
                        + "wrote (no " + NeighbourhoodsCommand.METADATA + " and " + NeighbourhoodsCommand.SUBGRAPHS
                        + "/ in it)", "give the --out folder of relgraph-spark neighbourhoods");
            }
            try {
                return new ObjectMapper().readTree(meta.toFile());
            } catch (IOException e) {
                throw new SchemaException("--neighbourhoods " + dir + ": " + NeighbourhoodsCommand.METADATA
                        + " is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")",
                        "materialise the neighbourhoods again");
            }
        }

        /** The fanouts the neighbourhoods were sampled with. */
        static int[] fanouts(JsonNode json) {
            int[] fanouts = new int[json.path("fanouts").size()];
            for (int i = 0; i < fanouts.length; i++) {
                fanouts[i] = json.path("fanouts").get(i).asInt();
            }
            return fanouts;
        }
    }

}
