package org.relgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelKinds;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.audit.LeakageAudit;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Trains the heterogeneous temporal GNN for a predictive query and writes a model bundle. */
@Command(name = "train", mixinStandardHelpOptions = true, defaultValueProvider = ModelOptions.Defaults.class,
        description = {
            "Build leakage-free training tables for a predictive query, train a heterogeneous temporal GraphSAGE "
                + "model on them (early stopping on the validation split), report validation and test metrics, and "
                + "write a model bundle that evaluate and predict read.",
            "",
            "Examples:",
            "  relgraph train --dataset bank --train-anchors 4 --out out/mortgage-model --query \\",
            "      \"PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'\"",
            "  relgraph train --data shop/ --query-file churn.pql --epochs 10 --hidden 64 --out out/churn-model",
            ""
        })
public final class TrainCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    QueryInput query;

    @Mixin
    SplitOptions splits;

    @Mixin
    ModelOptions model;

    @Option(names = "--input-cutoff", paramLabel = "DATE",
            description = "The latest time model inputs may see, whatever the anchor (RelBench's protocol uses "
                    + "its test time). Default: each example sees data up to its own anchor.")
    String inputCutoff;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR",
            description = "Where to write the model bundle (written to a temporary folder, then renamed). While "
                    + "training, a checkpoint after every epoch is kept in MODEL_DIR/.checkpoint and removed once "
                    + "the bundle is written.")
    Path out;

    @Option(names = "--force",
            description = "Replace MODEL_DIR even if it holds files relgraph did not write (they are deleted). "
                    + "Without it, only an empty folder or relgraph's own output there is replaced.")
    boolean force;

    @Option(names = "--resume",
            description = "Continue an interrupted run from MODEL_DIR/.checkpoint. Give the same data, query and "
                    + "options as the interrupted run: the result is the model an uninterrupted run would have "
                    + "written.")
    boolean resume;

    /** Stops like a crash once epoch K's checkpoint is written, so crash recovery can be tested end to end. */
    @Option(names = "--interrupt-after-epoch", paramLabel = "K", hidden = true)
    Integer interruptAfterEpoch;

    @Mixin
    AuditOption audit;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        model.applyThreads();
        splits.checkRanges();
        // Before the load, which takes a while on large data: a destination that cannot be written, or that holds a
        // user's files, and --resume with nothing to resume fail at once.
        data.checkOutputOutsideData(out);
        OutputFolder.checkDestination(out, ReplacePolicy.force(force));
        Checkpointing checkpointing = Checkpointing.forModel(out, resume);
        checkpointing.checkResumable();
        int layers = model.config().layers();
        PreparedTask prepared = PreparedTask.load(data, query, splits, spec, task -> {
            pw.println("Task: " + task.query().taskType() + "   " + task.query());
            TimelessNotice.print(pw, task.data().schema(), task.query(), layers, "the model's " + layers + " layers");
        });
        Database db = prepared.db();
        PredictiveQuery q = prepared.query();
        TrainingSplits tables = prepared.tables();
        GnnConfig config = model.config();
        if (inputCutoff != null) {
            config = config.withInputCutoffMs(SplitOptions.parse("--input-cutoff", inputCutoff).getAsLong());
        }
        pw.printf(Locale.ROOT, "Model: %d layers, hidden %d, fanouts %s, batch %d, lr %g, seed %d, conv %s%n",
                config.layers(), config.hidden(), java.util.Arrays.toString(config.fanouts()), config.batchSize(),
                config.learningRate(), config.seed(), config.conv().name().toLowerCase(Locale.ROOT));
        pw.flush();
        long t0 = System.nanoTime();
        if (!resume && Files.isDirectory(checkpointing.dir())) {
            pw.println("note: " + checkpointing.dir() + " holds an interrupted run; this run starts over and "
                    + "replaces it (stop now and add --resume to continue that run instead)");
        }
        pw.println((resume ? "Resuming from the checkpoint in " : "Checkpoint after every epoch in ")
                + checkpointing.dir());
        pw.flush();
        // The GNN for one number per entity, or its ranker for ranking queries.
        ModelKind kind = ModelKinds.forTask(GnnKind.INSTANCE.name(), q);
        kind.requireFits(q);
        // --threads went to ND4J in applyThreads; the request's count is for kinds that take one (XGBoost).
        int threads = model.threads == null ? Runtime.getRuntime().availableProcessors() : model.threads;
        TrainingRequest request = new TrainingRequest(db, q, tables, config.seed(), threads, config.inputCutoffMs(),
                new GnnTraining(config, new EpochProgress(pw, spec.commandLine().getErr(), true, "", interruptAfterEpoch),
                        checkpointing), null);
        try (EntityModel trained = kind.train(request)) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            trained.save(out, ReplacePolicy.force(force));
            trained.discardCheckpoint();
            if (audit.enabled) {
                audit.run(() -> LeakageAudit.auditAndRecord(trained, out, db, tables.val()), pw,
                        spec.commandLine().getErr());
            }
            trained.trainingNotes().forEach(pw::println);
            pw.printf(Locale.ROOT, "Trained in %.1f s (peak memory %s); best epoch %.0f%s%n", seconds,
                    PeakMemory.describe(), trained.metrics().getOrDefault("best_epoch", Double.NaN),
                    trained.trainedSummary());
            MetricLines.print(trained.metrics(), pw);
            pw.println("Model bundle: " + out);
        }
        pw.flush();
        return 0;
    }
}
