package org.relgraph.benchmarks.torch;

import org.relgraph.benchmarks.ProcessReadings;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.NodeInputs;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.optim.Adam;
import org.relgraph.gnn.train.BatchPipeline;
import org.relgraph.gnn.train.StepWorkspace;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * Issue #6's speed comparison: our ND4J {@link HeteroGnn} against {@link TorchHeteroSage}, the same model in plain
 * libtorch, on identical pre-assembled batches of the mortgage query on a generated bank. First checks that the two
 * compute the same thing (outputs and gradients from the same weights), then times, alternately per round, a training
 * step (forward, BCE, backward, Adam) over the train batches and a forward-only pass (eval, no autograd) over the
 * test seeds and over the train batches. Sampling and encoding are shared and not timed: seeds/s is the math alone.
 *
 * <p>Usage: {@code TorchReferenceProbe <bank folder> [trainBatches=16] [rounds=3]}; {@code -Dhidden=128
 * -Dfanouts=20,10} give the configuration (defaults: {@link GnnConfig#defaults()}); {@code -Dengine=nd4j}
 * or {@code torch} times one engine only, so that the other's idle thread pool is not in the process.
 */
public final class TorchReferenceProbe {
    private static final String QUERY = BankQueries.MORTGAGE;

    private TorchReferenceProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "/tmp/bank10k");
        int trainBatches = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        System.out.printf(Locale.ROOT, "load %s; cores %d; %s %s%n", ProcessReadings.loadAverage(),
                Runtime.getRuntime().availableProcessors(), Engine.getInstance().getEngineName(),
                Engine.getInstance().getVersion());

        Database db = DataSources.open(folder.toString()).load().database();
        PredictiveQuery query = PredictiveQuery.parse(QUERY, db.schema());
        SplitPlanner planner = new SplitPlanner(db, query.window());
        planner.maxTrainAnchors(4);
        TrainingSplits splits = new TrainingTableBuilder(db, query).build(planner.plan());
        GnnConfig config = GnnConfig.defaults().withHidden(Integer.getInteger("hidden", GnnConfig.defaults().hidden()));
        String fanouts = System.getProperty("fanouts");
        if (fanouts != null) {
            config = config.withFanouts(Arrays.stream(fanouts.split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray());
        }
        System.out.println(config);

        HeteroGraph graph = HeteroGraph.build(db);
        TrainingTable train = splits.train();
        long latest = train.anchors().stream().mapToLong(Long::longValue).max().orElseThrow();
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, latest, EncodingConfig.defaults());
        double[] allLabels = new double[train.size()];
        Arrays.setAll(allLabels, train::label);
        PredictionHead head = PredictionHead.fit(query.taskType(), allLabels);
        String entity = query.entityTable().toLowerCase(Locale.ROOT);
        List<EdgeKey> edgeKeys = BatchAssembler.edgeKeys(graph);
        HeteroGnn ours = new HeteroGnn(config, graph.nodeTypes(), edgeKeys, encoding, entity, head.outputs());
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, entity, config.samplerConfig());

        List<Labelled> trainSet = spread(train, trainBatches, config.batchSize(), assembler);
        List<Labelled> testSet = inOrder(splits.test(), config.batchSize(), assembler);
        System.out.printf(Locale.ROOT, "batches: train %d (%d seeds, %.0f nodes each), test %d (%d seeds, %.0f nodes "
                        + "each)%n", trainSet.size(), seeds(trainSet), nodes(trainSet), testSet.size(), seeds(testSet),
                nodes(testSet));

        try (NDManager root = NDManager.newBaseManager();
             TorchHeteroSage torch = new TorchHeteroSage(ours, config, graph.nodeTypes(), edgeKeys, root)) {
            ReferenceAgreement agreement = ReferenceAgreement.measure(ours, torch, head, trainSet.get(0).batch(),
                    trainSet.get(0).labels(), root);
            System.out.println(agreement.describe());
            agreement.require();
            String engines = System.getProperty("engine", "both");
            Adam adam = new Adam(ours.parameters(), Adam.Config.of(config.learningRate()));
            TorchAdam torchAdam = new TorchAdam(new ArrayList<>(torch.parameters().values()), config.learningRate(),
                    root);
            for (int r = 1; r <= rounds; r++) {
                System.out.printf(Locale.ROOT, "round %d, load %s%n", r, ProcessReadings.loadAverage());
                if (!engines.equals("torch")) {
                    pipeline("nd4j", trainSet, assembler, (batch, labels) -> oursStep(ours, head, adam, batch, labels));
                    report("nd4j", trainSet, testSet,
                            () -> trainSet.forEach(b -> oursStep(ours, head, adam, b.batch(), b.labels())),
                            set -> {
                                ours.eval();
                                set.forEach(b -> oursForward(ours, b.batch()));
                                ours.train(true);
                            });
                }
                if (!engines.equals("nd4j")) {
                    pipeline("torch", trainSet, assembler,
                            (batch, labels) -> TorchReferenceTrainer.step(torch, head, torchAdam, batch, labels, root));
                    report("torch", trainSet, testSet,
                            () -> trainSet.forEach(b -> TorchReferenceTrainer.step(torch, head, torchAdam, b.batch(), b.labels(), root)),
                            set -> set.forEach(b -> TorchReferenceTrainer.forward(torch, b.batch(), root)));
                }
            }
        }
        System.out.printf(Locale.ROOT, "peak RSS %.0f MB; load %s%n", ProcessReadings.peakRssMb(),
                ProcessReadings.loadAverage());
    }

    private record Labelled(GraphBatch batch, double[] labels, BatchPipeline.Seeds seeds) {
    }

    private interface Pass {
        void run(List<Labelled> set);
    }

    private static void report(String engine, List<Labelled> trainSet, List<Labelled> testSet, Runnable trainPass,
                               Pass inference) {
        Timing train = time(trainPass);
        Timing test = time(() -> inference.run(testSet));
        Timing sameSeeds = time(() -> inference.run(trainSet));
        long trainSeeds = seeds(trainSet);
        long testSeeds = seeds(testSet);
        System.out.printf(Locale.ROOT, "  %-5s train %6.0f seeds/s (%6.0f per CPU-s) | inference test %6.0f (%6.0f "
                        + "per CPU-s), train seeds %6.0f (%6.0f per CPU-s); inference/train %.1fx, %.1fx per CPU-s "
                        + "(same seeds)%n", engine,
                trainSeeds / train.wall(), trainSeeds / train.cpu(), testSeeds / test.wall(), testSeeds / test.cpu(),
                trainSeeds / sameSeeds.wall(), trainSeeds / sameSeeds.cpu(), train.wall() / sameSeeds.wall(),
                train.cpu() / sameSeeds.cpu());
    }

    /**
     * A training pass as the trainer runs it: the same seeds, sampled and encoded one batch ahead on the trainer's
     * {@link BatchPipeline} while the engine trains on the current one, so this rate includes whatever sampling the
     * math does not hide.
     */
    private static void pipeline(String engine, List<Labelled> trainSet, BatchAssembler assembler, Step step) {
        Timing t;
        try (BatchPipeline pipeline = new BatchPipeline(true)) {
            java.util.Iterator<GraphBatch> batches = pipeline.batches(assembler,
                    trainSet.stream().map(Labelled::seeds).iterator());
            t = time(() -> trainSet.forEach(b -> step.run(batches.next(), b.labels())));
        }
        System.out.printf(Locale.ROOT, "  %-5s train with sampling prefetched %6.0f seeds/s%n", engine,
                seeds(trainSet) / t.wall());
    }

    private interface Step {
        void run(GraphBatch batch, double[] labels);
    }

    /** Wall and process CPU seconds (all threads, so less sensitive to other jobs on a shared machine). */
    private record Timing(double wall, double cpu) {
    }

    private static void oursStep(HeteroGnn model, PredictionHead head, Adam adam, GraphBatch batch,
                                 double[] labels) {
        adam.zeroGrad();
        try (MemoryWorkspace ignored = StepWorkspace.open()) { // as the trainer runs a step
            model.backward(head.loss(model.forward(batch), labels).gradient());
            adam.step();
        }
    }

    /** As scoring runs a batch: in the step workspace, the outputs read out before it closes. */
    private static void oursForward(HeteroGnn model, GraphBatch batch) {
        try (MemoryWorkspace ignored = StepWorkspace.open()) {
            model.forward(batch).toFloatVector();
        }
    }

    private static List<Labelled> spread(TrainingTable examples, int batches, int batchSize, BatchAssembler assembler) {
        List<Labelled> out = new ArrayList<>();
        for (int b = 0; b < batches; b++) {
            int[] rows = new int[batchSize];
            long[] times = new long[batchSize];
            double[] y = new double[batchSize];
            for (int i = 0; i < batchSize; i++) {
                // Spread over the table so batches cover several anchors, as shuffled training batches do.
                int k = (int) ((long) (b * batchSize + i) * 7919 % examples.size());
                rows[i] = examples.entityRow(k);
                times[i] = examples.anchorTime(k);
                y[i] = examples.label(k);
            }
            out.add(new Labelled(assembler.assemble(rows, times), y, new BatchPipeline.Seeds(rows, times)));
        }
        return out;
    }

    private static List<Labelled> inOrder(TrainingTable examples, int batchSize, BatchAssembler assembler) {
        List<Labelled> out = new ArrayList<>();
        for (int start = 0; start < examples.size(); start += batchSize) {
            int n = Math.min(batchSize, examples.size() - start);
            int[] rows = new int[n];
            long[] times = new long[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                rows[i] = examples.entityRow(start + i);
                times[i] = examples.anchorTime(start + i);
                y[i] = examples.label(start + i);
            }
            out.add(new Labelled(assembler.assemble(rows, times), y, new BatchPipeline.Seeds(rows, times)));
        }
        return out;
    }

    private static Timing time(Runnable r) {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        r.run();
        return new Timing((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9);
    }

    private static long seeds(List<Labelled> set) {
        return set.stream().mapToLong(b -> b.batch().seedCount()).sum();
    }

    private static double nodes(List<Labelled> set) {
        return set.stream().mapToLong(b -> b.batch().nodes().values().stream().mapToLong(NodeInputs::size).sum())
                .average().orElse(0);
    }
}
