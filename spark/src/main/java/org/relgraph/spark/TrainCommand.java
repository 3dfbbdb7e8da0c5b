package org.relgraph.spark;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingProgress;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.api.Sources;
import org.relgraph.models.api.Task;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.options.Device;
import org.relgraph.options.ModelOptions;
import org.relgraph.options.OptionChecks;
import org.relgraph.options.SplitOptions;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.query.TrainingSplits;
import org.relgraph.schema.SchemaException;
import org.relgraph.source.LoadOptions;
import org.relgraph.table.Database;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code train}: the GNN of {@code relgraph train}, trained data-parallel on Spark by parameter averaging
 * ({@link ParameterAveraging}); the driver keeps the example order, validation, early stopping and the bundle, which
 * is the one {@code relgraph train} writes (predict, evaluate and explain open it). Options left out take the
 * single-machine defaults ({@link GnnConfig#defaults()}'s parts).
 */
@Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = ModelOptions.Defaults.class,
        description = {"Train the GNN for a predictive query, data-parallel: each partition trains on its shard of "
                + "every epoch's batches and the weights are averaged every --averaging-steps steps. Writes the "
                + "model bundle relgraph train writes.",
            "",
            "Example:",
            "  spark-submit --class org.relgraph.spark.SparkMain relgraph-spark.jar train --data bank/ \\",
            "      --query \"PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID\" --partitions 2 --out mortgage-model/",
            ""})
final class TrainCommand implements Callable<Integer> {
    /** DL4J's parameter-averaging master's default averaging frequency. */
    static final int DEFAULT_AVERAGING_STEPS = 5;

    /**
     * The data. Without {@code --neighbourhoods} every executor loads it from the same {@code --data} location
     * (see docs/SPARK.md); with them, executors read only the rows their seeds name, from any of the three sources.
     */
    @Mixin
    SparkInputOptions input;

    @ArgGroup(exclusive = true, multiplicity = "1")
    LabelsCommand.QueryText query;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Where to write the model "
            + "bundle (a temporary folder, renamed when complete).")
    Path out;

    @Option(names = "--force", description = "Replace MODEL_DIR even if it holds files relgraph did not write.")
    boolean force;

    @Option(names = "--partitions", paramLabel = "N", description = "Data-parallel workers (Spark tasks per round; "
            + "default: the session's default parallelism).")
    Integer partitions;

    @Option(names = "--averaging-steps", paramLabel = "K", description = "Optimisation steps each partition takes "
            + "between two averagings of the weights (default " + DEFAULT_AVERAGING_STEPS + ").")
    int averagingSteps = DEFAULT_AVERAGING_STEPS;

    @Option(names = "--optimiser-state", paramLabel = "MODE", description = "Adam's moments between rounds: "
            + "averaged (default, as DL4J's averageUpdaters) or per-worker (each partition keeps its own).")
    String optimiserState = "averaged";

    @Mixin
    ModelOptions model;

    @Option(names = "--neighbourhoods", paramLabel = "DIR", description = "Train from materialised neighbourhoods "
            + "(what relgraph-spark neighbourhoods wrote for this query's training rows, with the model's fanouts): "
            + "executors hold only their partition's seeds' rows, not the database (MOST_RECENT sampling only).")
    Path neighbourhoods;

    @Option(names = "--input-cutoff", paramLabel = "DATE", description = "The latest time model inputs may see, "
            + "as relgraph train --input-cutoff.")
    String inputCutoff;

    @Mixin
    SplitOptions split;

    @Mixin
    SparkMasterOption master;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        GnnConfig config = config();
        ParameterAveraging.OptimiserState stateMode = optimiserState(optimiserState);
        OptionChecks.atLeast("--averaging-steps", averagingSteps, 1, "optimisation steps between two averagings, "
                + "e.g. --averaging-steps " + DEFAULT_AVERAGING_STEPS);
        OptionChecks.atLeast("--partitions", partitions, 1, "data-parallel workers, e.g. --partitions 2");
        split.checkRanges();
        String text = query.text != null ? query.text : LabelsCommand.readQueryFile(query.file);
        ReplacePolicy policy = ReplacePolicy.force(force);
        OutputFolder.checkDestination(out, policy); // before the data loads and Spark starts
        String data = input.data();
        Path schemaFile = input.schemaFile;
        if (data == null && neighbourhoods == null) {
            throw new SchemaException("--catalog-database needs --neighbourhoods: without them every executor loads "
                    + "the whole database itself, which only a folder or PostgreSQL allows", "materialise the "
                    + "training rows' neighbourhoods (relgraph-spark neighbourhoods --catalog-database ...) and give "
                    + "--neighbourhoods DIR");
        }
        // with --neighbourhoods the executors read the named rows through Spark, from any source
        if (neighbourhoods != null) {
            TrainingNeighbourhoods.requireMostRecent(config);
        }
        SparkInputs sources = neighbourhoods == null ? null : input.open();
        TrainingNeighbourhoods stored = neighbourhoods == null ? null
                : TrainingNeighbourhoods.check(neighbourhoods, config, sources);
        Integer threads = model.threads();
        if (threads != null) {
            TrainingWorkers.limitThreads(threads);
        }
        // The driver holds the database (it fits the encoding, validates and tests as relgraph train does); catalogue
        // tables only Spark reads, so for them the session starts first and the rows are collected to the driver.
        SparkSession spark = sources != null && sources.isCatalogue()
                ? SparkSessions.getOrCreate(master.url, "relgraph train") : null;
        String runId = UUID.randomUUID().toString();
        String location = data != null ? data : sources.identity(); // names the run's data in the workers' caches
        ParameterAveraging[] averaging = new ParameterAveraging[1];
        try {
            Database db = sources != null ? sources.driverDatabase(data, schemaFile, spark)
                    : Sources.open(data, schemaFile).load(LoadOptions.defaults()).database();
            Task task = Task.bind(db, text);
            if (stored != null) {
                stored.requireEntity(db.schema().requireTable(task.query().entityTable()).name());
            }
            task.warnings().forEach(w -> pw.println("warning: " + w));
            SplitPlan plan = split.apply(task.splitPlanner()).plan();
            TrainingSplits tables = task.tables(plan);
            pw.println("Task: " + task.query().taskType() + "   " + task.query());
            pw.println("Split: " + plan);
            pw.flush();
            if (spark == null) {
                spark = SparkSessions.getOrCreate(master.url, "relgraph train");
            }
            GnnInputs inputs = GnnInputs.of(db);
            SparkSession session = spark;
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(session.sparkContext());
            int workers = partitions != null ? partitions : jsc.defaultParallelism();
            pw.printf(Locale.ROOT, "Model: %d layers, hidden %d, fanouts %s, batch %d, lr %g, seed %d; %d partitions, "
                    + "averaging every %d steps, optimiser state %s%n", config.layers(), config.hidden(),
                    java.util.Arrays.toString(config.fanouts()), config.batchSize(), config.learningRate(),
                    config.seed(), workers, averagingSteps, stateMode.name().toLowerCase(Locale.ROOT));
            pw.flush();
            if (stored == null) {
                TrainingWorkers.register(location, schemaFile, db, inputs.graph()); // local mode: tasks share it
            }
            java.util.function.Consumer<String> progress = line -> {
                pw.println(line);
                pw.flush();
            };
            // what the executors spent, by part of the job: the gather of --neighbourhoods apart from the rounds
            SparkStageMetrics metrics = SparkStageMetrics.attach(session, pw);
            SparkStageMetrics.Section[] training = {metrics.section("training")};
            long t0 = System.nanoTime();
            try (GnnPredictor trained = GnnPredictor.train(inputs, task.query(), tables, config, listener(pw),
                    Checkpointing.none(), untrained -> {
                        TrainingWorkers.Recipe recipe = TrainingWorkers.Recipe.of(runId, location, schemaFile,
                                threads, untrained);
                        averaging[0] = stored == null
                                ? new ParameterAveraging(jsc, recipe, workers, averagingSteps, stateMode, progress)
                                : new ParameterAveraging(jsc, neighbourhoodWorkers(session, sources, db, stored,
                                        recipe, untrained, progress, metrics), workers, averagingSteps, stateMode,
                                        progress);
                        return averaging[0];
                    })) {
                trained.save(out, policy);
                double seconds = (System.nanoTime() - t0) / 1e9;
                pw.printf(Locale.ROOT, "Trained in %.1f s, %d averaging rounds; best epoch %.0f%n", seconds,
                        averaging[0].rounds(), trained.metrics().getOrDefault("best_epoch", Double.NaN));
                training[0].close();
                training[0] = null;
                pw.print(metrics.summary());
                for (Map.Entry<String, Double> m : trained.metrics().entrySet()) {
                    if (m.getKey().startsWith("val_") || m.getKey().startsWith("test_")) {
                        pw.printf(Locale.ROOT, "  %-24s %.4f%n", m.getKey(), m.getValue());
                    }
                }
                pw.println("Model bundle: " + out);
            } finally {
                if (training[0] != null) {
                    training[0].close();
                }
                metrics.close();
            }
            pw.flush();
            return 0;
        } finally {
            if (averaging[0] != null) {
                averaging[0].release();
            }
            TrainingWorkers.release(location, schemaFile, runId);
            if (spark != null) {
                SparkSessions.stopIfOwned(spark);
            }
        }
    }

    /** Workers reading {@code stored}'s neighbourhoods of the training seeds and the rows of {@code --data}. */
    private NeighbourhoodWorkers neighbourhoodWorkers(SparkSession spark, SparkInputs sources, Database db,
                                                      TrainingNeighbourhoods stored, TrainingWorkers.Recipe recipe,
                                                      GnnPredictor untrained,
                                                      java.util.function.Consumer<String> progress,
                                                      SparkStageMetrics metrics) {
        String entity = db.schema().requireTable(untrained.query().entityTable()).name();
        org.relgraph.table.Column key = db.table(entity).requireColumn(db.schema().requireTable(entity).primaryKey());
        return new NeighbourhoodWorkers(spark, input.tables(sources, spark), stored.subgraphs(), recipe,
                untrained.bundle().encoding(), entity, (row, time) -> entity + " " + key.format(row) + " as of "
                + LabelsCommand.iso(time), progress, metrics);
    }

    /**
     * The model options relgraph train has that this job does not run: each is refused by name rather than
     * silently ignored. Refit, recency weights and label history are not data-parallel here yet; the others have
     * no test of the averaged run against one machine yet (docs/SPARK.md, "Not supported").
     */
    static final List<String> NOT_ON_SPARK = List.of("--refit", "--recency-half-life", "--label-history",
            "--action-scorer", "--child-summaries", "--extended-child-summaries", "--aggregation", "--conv");

    /** relgraph train's config for the options given ({@link ModelOptions}, one definition for both). */
    GnnConfig config() {
        for (String option : NOT_ON_SPARK) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new SchemaException(option + " is not available in the Spark train job yet",
                        "leave it out, or train on one machine: relgraph train " + option + " ...");
            }
        }
        if (model.device() != Device.CPU) {
            throw new SchemaException("--device " + model.device().name().toLowerCase(Locale.ROOT) + " is not "
                    + "available in the Spark train job: executors run ND4J's CPU backend", "leave --device out");
        }
        GnnConfig c = model.config();
        OptionalLong cutoff = TimestampLiteral.parseOption("--input-cutoff", inputCutoff);
        return cutoff.isPresent() ? c.withInputCutoffMs(cutoff.getAsLong()) : c;
    }

    static ParameterAveraging.OptimiserState optimiserState(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "averaged" -> ParameterAveraging.OptimiserState.AVERAGED;
            case "per-worker" -> ParameterAveraging.OptimiserState.PER_WORKER;
            default -> throw new SchemaException("--optimiser-state " + text + " is not a mode",
                    "give averaged (Adam's moments averaged like the weights) or per-worker");
        };
    }

    /** One line per epoch: its loss and the validation metric early stopping watches. */
    private static TrainingListener listener(PrintWriter pw) {
        return new TrainingListener() {
            @Override
            public void onEpochEnd(TrainingProgress p) {
                pw.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  val %s %.4f%n", p.epoch(), p.epochs(), p.loss(),
                        p.metric(), p.valMetric());
                pw.flush();
            }
        };
    }
}
