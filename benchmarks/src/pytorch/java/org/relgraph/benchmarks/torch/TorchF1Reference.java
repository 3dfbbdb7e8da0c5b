package org.relgraph.benchmarks.torch;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.relgraph.benchmarks.ProcessReadings;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.models.api.Sources;
import org.relgraph.models.api.Task;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.query.TrainingSplits;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.source.LoadOptions;
import org.relgraph.table.Database;

/**
 * Issue #20's PyTorch side of the side-by-side: {@link TorchReferenceTrainer} on rel-f1 driver-dnf at the issue's
 * shape, with the data, split and batches {@code relgraph train} builds for
 *
 * <pre>
 * relgraph train --dataset rel-f1 --val-time 2005-01-01 --test-time 2010-01-01 --eval-anchors 40
 *     --max-train-anchors 100000 --input-cutoff 2010-01-01 --layers 2 --hidden 128 --fanouts 20,10
 *     --batch-size 512 --sampling UNIFORM --no-child-summaries --threads 2 --epochs 3 --query "..."
 * </pre>
 *
 * (rel-f1 prepared by the same {@link Sources#openDataset}, the split by the same planner, ND4J and libtorch both
 * limited to the thread count). Prints per epoch seeds/s, the share of it spent waiting for batches, train loss and
 * validation AUROC; then the test AUROC at the best validation epoch and this JVM's peak RSS.
 *
 * <p>Usage: {@code TorchF1Reference [--data-home DIR] [--epochs 3] [--threads 2] [--eval-anchors 40]
 * [--max-train-anchors 100000]} (the last two only to make a quick smoke run smaller).
 */
public final class TorchF1Reference {
    static final String QUERY = "PREDICT BOOL(results.statusId != '1', 0, 30, days) FOR EACH drivers.driverId "
            + "WHERE COUNT(results.*, 0, 30, days) > 0";
    private static final String VAL_TIME = "2005-01-01";
    private static final String TEST_TIME = "2010-01-01";
    private static final String INPUT_CUTOFF = "2010-01-01";

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("--data-home", "--epochs", "--threads",
            "--eval-anchors", "--max-train-anchors");

    private TorchF1Reference() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int threads = Integer.parseInt(options.getOrDefault("--threads", "2"));
        int epochs = Integer.parseInt(options.getOrDefault("--epochs", "3"));
        int evalAnchors = Integer.parseInt(options.getOrDefault("--eval-anchors", "40"));
        int maxTrainAnchors = Integer.parseInt(options.getOrDefault("--max-train-anchors", "100000"));
        Path dataHome = options.containsKey("--data-home") ? Path.of(options.get("--data-home")) : null;

        // As relgraph train --threads: ND4J (which encodes the batches here) and libtorch's intra-op pool.
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(threads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(threads);
        System.out.printf(Locale.ROOT, "%s %s, intra-op threads %d; load %s%n", engine.getEngineName(),
                engine.getVersion(), JniUtils.getNumThreads(), ProcessReadings.loadAverage());

        Database db = Sources.openDataset("rel-f1", dataHome, null).load(LoadOptions.defaults()).database();
        Task task = Task.bind(db, QUERY);
        SplitPlan plan = task.splitPlanner().maxEvalAnchors(evalAnchors).maxTrainAnchors(maxTrainAnchors)
                .valTime(time(VAL_TIME)).testTime(time(TEST_TIME)).plan();
        System.out.println("Split: " + plan);
        TrainingSplits splits = task.tables(plan);
        System.out.println(splits);
        GnnConfig config = GnnConfig.defaults().withLayers(2).withHidden(128).withFanouts(20, 10)
                .withBatchSize(512).withSampling(SamplerConfig.Strategy.UNIFORM).withChildSummaries(false)
                .withInputCutoffMs(time(INPUT_CUTOFF)).withEpochs(epochs);
        System.out.printf(Locale.ROOT, "Model: %d layers, hidden %d, fanouts %s, batch %d, lr %g, seed %d%n",
                config.layers(), config.hidden(), java.util.Arrays.toString(config.fanouts()), config.batchSize(),
                config.learningRate(), config.seed());
        System.out.flush();

        TorchReferenceTrainer.Result result = TorchReferenceTrainer.train(db, task.query(), splits, config,
                System.out);
        TorchReferenceTrainer.Epoch best = result.best();
        System.out.printf(Locale.ROOT, "mean of epochs 2-%d: %.0f seeds/s%n", epochs,
                TorchReferenceTrainer.meanSeedsPerSecond(result.epochs(), 2));
        System.out.printf(Locale.ROOT, "test auroc %.4f (epoch %d, the best validation epoch)%n", best.testAuroc(),
                best.epoch());
        System.out.printf(Locale.ROOT, "peak RSS %.0f MB (this JVM: the data, graph, ND4J encoding and libtorch; not "
                + "the issue's Python process); load %s%n", ProcessReadings.peakRssMb(), ProcessReadings.loadAverage());
    }

    private static long time(String date) {
        return TimestampLiteral.parse(date).orElseThrow();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!OPTIONS.contains(args[i]) || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected pairs of " + OPTIONS + " and a value, got "
                        + String.join(" ", args));
            }
            options.put(args[i], args[++i]);
        }
        return options;
    }
}
