package org.relgraph.models.api;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Objects;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.ValidationMetric;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.output.ScoreOutputs;
import org.relgraph.models.output.WriteOptions;
import org.relgraph.models.tune.HalvingSchedule;
import org.relgraph.models.tune.SearchSpace;
import org.relgraph.models.tune.TrialRun;
import org.relgraph.models.tune.Tuner;
import org.relgraph.models.tune.TuningListener;
import org.relgraph.models.tune.TuningResult;
import org.relgraph.query.TrainingSplits;

/**
 * Searches the GNN's settings for a {@link Task} on its validation split ({@link Tuner}: successive halving over a
 * {@link SearchSpace}, with an optional time budget) and writes the best model as the bundle {@link Training} would
 * have written for its settings, so {@code relgraph predict} reads it. The bundle is replaced whenever a run beats
 * the best so far, and the results table ({@link TuningResult#table()}) is rewritten as CSV after every run, both
 * atomically: a search stopped at any point leaves the best model so far and the table of what ran.
 *
 * <pre>{@code
 * Task task = Task.bind(db, pql);
 * TrainingSplits tables = task.tables();
 * TuningResult result = Tuning.of(task, tables)
 *         .schedule(new HalvingSchedule(9, 3, 2, 20))
 *         .budget(Duration.ofMinutes(20))
 *         .run(Path.of("out/mortgage-tuned"), ReplacePolicy.OWN_OUTPUT_ONLY);
 * System.out.println(result.metricName() + " " + result.best().valMetric());
 * }</pre>
 */
public final class Tuning {
    private final Task task;
    private final TrainingSplits tables;
    private SearchSpace space = SearchSpace.DEFAULTS;
    private HalvingSchedule schedule = HalvingSchedule.DEFAULTS;
    private GnnConfig base = GnnConfig.defaults();
    private Duration budget;
    private TuningListener listener = TuningListener.NONE;
    private GnnInputs inputs;

    private Tuning(Task task, TrainingSplits tables) {
        this.task = Objects.requireNonNull(task, "task");
        this.tables = Objects.requireNonNull(tables, "tables");
    }

    /** A search with the default space and schedule, the default config's other settings and no time budget. */
    public static Tuning of(Task task, TrainingSplits tables) {
        return new Tuning(task, tables);
    }

    public Tuning space(SearchSpace s) {
        this.space = Objects.requireNonNull(s, "space");
        return this;
    }

    /** The schedule; its {@code maxEpochs} replaces the base config's epochs. */
    public Tuning schedule(HalvingSchedule s) {
        this.schedule = Objects.requireNonNull(s, "schedule");
        return this;
    }

    /** What is not searched (batch size, patience, seed, sampling, input cutoff); the seed also draws the trials. */
    public Tuning base(GnnConfig config) {
        this.base = Objects.requireNonNull(config, "base");
        return this;
    }

    /** Wall time the search may take, or null for none (the schedule's runs all happen). */
    public Tuning budget(Duration d) {
        this.budget = d;
        return this;
    }

    public Tuning listener(TuningListener l) {
        this.listener = Objects.requireNonNull(l, "listener");
        return this;
    }

    /**
     * What the trials share (the graph, the encoding, the label history: {@link GnnInputs}), built on the task's
     * data; by default the search builds its own, once for all trials. Pass one to share it with other training.
     */
    public Tuning inputs(GnnInputs shared) {
        this.inputs = Objects.requireNonNull(shared, "inputs");
        return this;
    }

    /** Where {@link #run} writes the results table: {@code MODEL_DIR.tuning.csv}, beside the bundle. */
    public static Path resultsFile(Path modelDir) {
        Path abs = modelDir.toAbsolutePath().normalize();
        return abs.resolveSibling(abs.getFileName() + ".tuning.csv");
    }

    /**
     * Checks where {@link #run} will write the results table ({@link #resultsFile}), before any work: its folder
     * exists and is writable, and a file there is replaced only if relgraph wrote it (or {@code replace} allows).
     */
    public static void checkResultsDestination(Path modelDir, ReplacePolicy replace) {
        ScoreOutputs.checkDestination(resultsFile(modelDir).toString(), replace);
    }

    /**
     * Runs the search, writing the best model to {@code modelDir} and the results table to {@link #resultsFile} as
     * it goes (replacing what is there only as {@code replace} allows; check both destinations first, as the CLI
     * does, to fail before training).
     */
    public TuningResult run(Path modelDir, ReplacePolicy replace) throws IOException {
        Tuner tuner = new Tuner(space, schedule, base.withEpochs(schedule.maxEpochs()), budget, System::nanoTime);
        ValidationMetric metric = ValidationMetric.forTask(task.query().taskType());
        String results = resultsFile(modelDir).toString();
        TuningListener writing = new TuningListener() {
            @Override
            public TrainingListener runStarting(RunStart start) {
                return listener.runStarting(start);
            }

            @Override
            public void newBest(TrialRun run, EntityModel model) throws IOException {
                model.save(modelDir, replace);
                listener.newBest(run, model);
            }

            @Override
            public void runEnded(TuningResult soFar) {
                ScoreOutputs.write(results, new WriteOptions(LocalDate.EPOCH, "tune"), replace, soFar.table());
                listener.runEnded(soFar);
            }
        };
        // Every trial trains on the same data: the graph, the encoding and the label history are built once.
        GnnInputs shared = inputs != null ? inputs : GnnInputs.of(task.data());
        return tuner.run(metric, (config, trainingListener) -> Training.gnn(shared, task.query(), tables, config,
                trainingListener), writing);
    }
}
