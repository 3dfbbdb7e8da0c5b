package org.relgraph.cli;

import org.relgraph.options.SplitOptions;
import org.relgraph.options.OptionChecks;
import org.relgraph.options.ModelOptions;
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
import org.relgraph.models.baseline.XgbGnnEmbeddingsKind;
import org.relgraph.models.baseline.XgbGnnInputsKind;
import org.relgraph.models.TrainingRequest;
import org.relgraph.models.audit.LeakageAudit;
import org.relgraph.models.ensemble.EnsembleTraining;
import org.relgraph.models.ensemble.GnnEnsembleKind;
import org.relgraph.models.ensemble.GnnXgbBlendKind;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.gnn.GnnTraining;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.schema.SchemaException;
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

    @Option(names = "--ensemble", paramLabel = "K",
            description = "Train K GNNs with seeds SEED, SEED+1, ..., SEED+K-1 (otherwise the same options) and "
                    + "average their calibrated probabilities (classification) or predictions (regression) into one "
                    + "bundle (kind gnn-ensemble) that evaluate, predict and explain read like any other; its metrics "
                    + "are the average's. Members train one after another; no checkpoint (--resume does not apply).")
    Integer ensemble;

    @Option(names = "--kind", paramLabel = "KIND",
            description = "gnn (default) or gnn-xgb-blend: the GNN and flat XGBoost on the same training table, "
                    + "blended as w*GNN + (1-w)*XGBoost with w in 0, 0.05, ..., 1 chosen on validation only "
                    + "(binary and regression queries; not explained; no checkpoint); or xgb-gnn-inputs: flat "
                    + "XGBoost with the GNN's own inputs of the entity node (its encoded row and child summaries as "
                    + "of the anchor) as extra features, no GNN trained (--no-child-summaries and "
                    + "--extended-child-summaries apply; not explained; no checkpoint); or xgb-gnn-embeddings: flat "
                    + "XGBoost with the GNN's learned embedding of the entity (its final hidden state) as extra "
                    + "features, out of fold for the train rows (2 folds by entity: 3 GNN fits; the GNN options "
                    + "apply; not explained; no checkpoint).")
    String kind;

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
        ModelKind combined = combinedKind();
        // Before the load, which takes a while on large data: a destination that cannot be written, or that holds a
        // user's files, and --resume with nothing to resume fail at once.
        data.checkOutputOutsideData(out);
        OutputFolder.checkDestination(out, ReplacePolicy.force(force));
        Checkpointing checkpointing = Checkpointing.forModel(out, resume);
        if (combined == null) {
            checkpointing.checkResumable();
        }
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
        if (combined != XgbGnnInputsKind.INSTANCE) { // which trains no GNN
            pw.printf(Locale.ROOT, "Model: %d layers, hidden %d, fanouts %s, batch %d, lr %g, seed %d, conv %s%n",
                    config.layers(), config.hidden(), java.util.Arrays.toString(config.fanouts()),
                    config.batchSize(), config.learningRate(), config.seed(),
                    config.conv().name().toLowerCase(Locale.ROOT));
        }
        pw.flush();
        long t0 = System.nanoTime();
        if (combined == null && !resume && Files.isDirectory(checkpointing.dir())) {
            pw.println("note: " + checkpointing.dir() + " holds an interrupted run; this run starts over and "
                    + "replaces it (stop now and add --resume to continue that run instead)");
        }
        if (combined == null) {
            pw.println((resume ? "Resuming from the checkpoint in " : "Checkpoint after every epoch in ")
                    + checkpointing.dir());
        }
        pw.flush();
        // The GNN for one number per entity, or its ranker for ranking queries; or the ensemble / blend asked for.
        ModelKind kind = combined != null ? combined : ModelKinds.forTask(GnnKind.INSTANCE.name(), q);
        kind.requireFits(q);
        // --threads went to ND4J in applyThreads; the request's count is for kinds that take one (XGBoost).
        int threads = model.threads() == null ? Runtime.getRuntime().availableProcessors() : model.threads();
        GnnTraining gnnTraining = new GnnTraining(config, new EpochProgress(pw, spec.commandLine().getErr(), true, "",
                interruptAfterEpoch), combined == null ? checkpointing : Checkpointing.none());
        Object settings = ensemble == null ? gnnTraining : new EnsembleTraining(gnnTraining, ensemble,
                member -> new EpochProgress(pw, spec.commandLine().getErr(), true,
                        String.format(Locale.ROOT, "member %d/%d · ", member, ensemble), interruptAfterEpoch));
        TrainingRequest request = new TrainingRequest(db, q, tables, config.seed(), threads, config.inputCutoffMs(),
                settings, combined == null ? null : line -> {
                    pw.println(line);
                    pw.flush();
                });
        try (EntityModel trained = kind.train(request)) {
            double seconds = (System.nanoTime() - t0) / 1e9;
            trained.save(out, ReplacePolicy.force(force));
            trained.discardCheckpoint();
            if (audit.enabled) {
                audit.run(() -> LeakageAudit.auditAndRecord(trained, out, db, tables.val()), pw,
                        spec.commandLine().getErr());
            }
            trained.trainingNotes().forEach(pw::println);
            Double bestEpoch = trained.metrics().get("best_epoch");
            pw.printf(Locale.ROOT, "Trained in %.1f s (peak memory %s)%s%s%n", seconds, PeakMemory.describe(),
                    bestEpoch == null ? "" : String.format(Locale.ROOT, "; best epoch %.0f", bestEpoch),
                    trained.trainedSummary());
            MetricLines.print(trained.metrics(), pw);
            pw.println("Model bundle: " + out);
        }
        pw.flush();
        return 0;
    }

    /**
     * The kind --ensemble or --kind asks for, or null for the plain GNN; checked before the data loads.
     */
    private ModelKind combinedKind() {
        OptionChecks.atLeast("--ensemble", ensemble, 1, "the number of GNNs to average, e.g. --ensemble 3 "
                + "(seeds SEED, SEED+1, SEED+2)");
        String k = kind == null ? GnnKind.INSTANCE.name() : kind.trim().toLowerCase(Locale.ROOT);
        ModelKind chosen;
        if (k.equals(GnnKind.INSTANCE.name())) {
            chosen = ensemble == null ? null : GnnEnsembleKind.INSTANCE;
        } else if (k.equals(GnnXgbBlendKind.INSTANCE.name())) {
            if (ensemble != null) {
                throw new SchemaException("--ensemble does not combine with --kind gnn-xgb-blend",
                        "use one: --ensemble K averages K GNNs, --kind gnn-xgb-blend blends one GNN with flat XGBoost");
            }
            chosen = GnnXgbBlendKind.INSTANCE;
        } else if (k.equals(XgbGnnInputsKind.INSTANCE.name())) {
            if (ensemble != null) {
                throw new SchemaException("--ensemble does not combine with --kind xgb-gnn-inputs",
                        "use one: --ensemble K averages K GNNs, --kind xgb-gnn-inputs trains XGBoost on flat "
                                + "features and the GNN's inputs");
            }
            chosen = XgbGnnInputsKind.INSTANCE;
        } else if (k.equals(XgbGnnEmbeddingsKind.INSTANCE.name())) {
            if (ensemble != null) {
                throw new SchemaException("--ensemble does not combine with --kind xgb-gnn-embeddings",
                        "use one: --ensemble K averages K GNNs, --kind xgb-gnn-embeddings trains XGBoost on flat "
                                + "features and a GNN's embeddings");
            }
            chosen = XgbGnnEmbeddingsKind.INSTANCE;
        } else if (k.equals(GnnEnsembleKind.INSTANCE.name())) {
            throw new SchemaException("--kind gnn-ensemble is chosen with --ensemble K",
                    "use --ensemble 3 (the GNN's seeds SEED, SEED+1, SEED+2), without --kind");
        } else {
            ModelKinds.named(kind); // an unknown name gets the registry's error, listing the names
            throw new SchemaException("relgraph train does not train --kind " + kind,
                    "use --kind gnn, gnn-xgb-blend, xgb-gnn-inputs or xgb-gnn-embeddings; relgraph baseline --kind " + kind
                            + " trains that baseline");
        }
        if (chosen != null && resume) {
            // XGBoost keeps no epoch checkpoint, and a combining kind's GNN members are trained from scratch each time
            throw new SchemaException("--resume does not apply to " + (ensemble != null ? "--ensemble" : "--kind "
                    + chosen.name()) + ", which keeps no checkpoint",
                    "run the same command without --resume to train it again");
        }
        return chosen;
    }
}
