package org.relgraph.benchmarks.gnn;

import org.relgraph.benchmarks.CpuTimes;
import org.relgraph.benchmarks.ProcessReadings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.NodeInputs;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.optim.Adam;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.gnn.train.TrainingProgress;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTable;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * Trains the default GNN ({@code GnnConfig.defaults()}: 2 layers, hidden 64, fanouts [10, 5], batch 512) on a
 * bank folder made by {@code relgraph generate bank} and prints training and inference seeds/s, val/test AUROC, peak RSS and the
 * machine load. Not a test: numbers depend on the machine and what else runs on it.
 *
 * <p>Usage: {@code GnnTrainingProbe <bank folder> [epochs] [maxTrainAnchors] [UNIFORM|MOST_RECENT]}; set
 * {@code OMP_NUM_THREADS}; {@code -Dhidden=128 -Dfanouts=20,10} override the defaults' width and fanouts,
 * {@code -DchildSummaries=false} turns the child summaries off (to time what they cost).
 *
 * <p>Beside the wall-clock rates it prints CPU seconds per 1,000 seeds of the last epoch's training and of scoring
 * the train seeds (process CPU time: every thread, OpenMP's and the collector's included) and their ratio, which a
 * busy machine does not skew as it skews seeds/s. {@code -DscoreRepeats=N} scores the train seeds N times (default
 * 1) and reports the mean, for steadier CPU figures and for profiling the scorer. {@code -DscoreBlasThreads=N} runs
 * the train seeds' scoring with N OpenBLAS threads (an experiment: under load a second BLAS thread mostly spins in
 * sched_yield waiting for work, benchmarks/README.md).
 */
public final class GnnTrainingProbe {
    static final String QUERY = BankQueries.MORTGAGE;

    private GnnTrainingProbe() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "/tmp/bank10k");
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.printf("load %s; OMP_NUM_THREADS=%s, cores=%d%n", ProcessReadings.loadAverage(), System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        Database db = DataSources.open(folder.toString()).load().database();
        PredictiveQuery query = PredictiveQuery.parse(QUERY, db.schema());
        SplitPlanner planner = new SplitPlanner(db, query.window());
        if (args.length > 2) {
            planner.maxTrainAnchors(Integer.parseInt(args[2]));
        }
        SplitPlan plan = planner.plan();
        TrainingSplits splits = new TrainingTableBuilder(db, query).build(plan);
        System.out.printf("loaded and labelled in %.1f s: %s%n%s%n", (System.nanoTime() - t0) / 1e9, plan, splits);

        GnnConfig config = GnnConfig.defaults().withEpochs(Math.max(1, epochs));
        if (args.length > 3) {
            config = config.withSampling(SamplerConfig.Strategy.valueOf(args[3]));
        }
        String summaries = System.getProperty("childSummaries");
        if (summaries != null) {
            config = config.withChildSummaries(Boolean.parseBoolean(summaries));
        }
        // The speed configuration (hidden 128, fanouts [20, 10]) differs from the tuned defaults.
        config = config.withHidden(Integer.getInteger("hidden", config.hidden()));
        String fanouts = System.getProperty("fanouts");
        if (fanouts != null) {
            config = config.withFanouts(java.util.Arrays.stream(fanouts.split(",")).map(String::trim)
                    .mapToInt(Integer::parseInt).toArray());
        }
        System.out.println(config);
        breakdown(db, query, splits, config, splits.train(), true);
        breakdown(db, query, splits, config, splits.test(), false);
        if (epochs == 0) {
            return;
        }
        long trainStart = System.nanoTime();
        double[] lastEpochSeedsPerSecond = {Double.NaN};
        // CPU readings bracketing the last epoch's batches: from the previous epoch's end to this epoch's last batch.
        CpuTimes[] epochCpu = {CpuTimes.now(), null};
        double[] lastEpochCpuSeconds = {Double.NaN};
        String[] lastEpochCpuBreakdown = {""};
        try (GnnPredictor predictor = GnnPredictor.train(db, query, splits, config, new TrainingListener() {
            @Override
            public void onBatchEnd(TrainingProgress p) {
                if (p.batch() == p.batches()) {
                    CpuTimes end = CpuTimes.now();
                    lastEpochCpuSeconds[0] = end.processSecondsSince(epochCpu[0]);
                    lastEpochCpuBreakdown[0] = end.breakdownSince(epochCpu[0]);
                }
                if (p.batch() % 20 == 0) {
                    System.out.printf("  epoch %d batch %d/%d loss %.4f %.0f seeds/s eta %s%n", p.epoch(), p.batch(),
                            p.batches(), p.loss(), p.seedsPerSecond(), p.eta());
                }
            }

            @Override
            public void onEpochEnd(TrainingProgress p) {
                lastEpochSeedsPerSecond[0] = p.seedsPerSecond();
                epochCpu[0] = CpuTimes.now();
                System.out.printf("epoch %d: loss %.4f, %.0f train seeds/s, val %s %.4f, load %s%n", p.epoch(),
                        p.loss(), p.seedsPerSecond(), p.metric(), p.valMetric(), ProcessReadings.loadAverage());
            }
        })) {
            System.out.printf("trained in %.1f s; metrics %s%n", (System.nanoTime() - trainStart) / 1e9,
                    predictor.metrics());
            TrainingTable test = splits.test();
            int[] rows = new int[test.size()];
            Arrays.setAll(rows, test::entityRow);
            long asOf = test.anchorTime(0);
            predictor.score(rows, asOf); // warm-up
            long s0 = System.nanoTime();
            predictor.score(rows, asOf);
            double seconds = (System.nanoTime() - s0) / 1e9;
            System.out.printf("inference: %d seeds in %.2f s = %.0f seeds/s%n", rows.length, seconds,
                    rows.length / seconds);
            // The ratio on equal work: the very seeds training saw (test seeds sit later, with more history).
            TrainingTable train = splits.train();
            int repeats = Integer.getInteger("scoreRepeats", 1);
            int blasThreads = org.nd4j.linalg.factory.Nd4j.factory().blas().getMaxThreads();
            Integer scoreBlasThreads = Integer.getInteger("scoreBlasThreads");
            if (scoreBlasThreads != null) {
                org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(scoreBlasThreads);
                System.out.printf("scoring the train seeds with %d BLAS thread(s) instead of %d%n", scoreBlasThreads,
                        blasThreads);
            }
            CpuTimes c1 = CpuTimes.now();
            long s1 = System.nanoTime();
            for (int r = 0; r < repeats; r++) {
                for (long anchor : train.anchors()) {
                    int[] atAnchor = java.util.stream.IntStream.range(0, train.size())
                            .filter(i -> train.anchorTime(i) == anchor).map(train::entityRow).toArray();
                    predictor.score(atAnchor, anchor);
                }
            }
            double scoreWall = (System.nanoTime() - s1) / 1e9 / repeats;
            CpuTimes c2 = CpuTimes.now();
            org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(blasThreads);
            double trainSeedsPerSecond = train.size() / scoreWall;
            System.out.printf("inference on the %d train seeds: %.0f seeds/s = %.1fx the last epoch's training "
                    + "rate (%.0f seeds/s)%n", train.size(), trainSeedsPerSecond,
                    trainSeedsPerSecond / lastEpochSeedsPerSecond[0], lastEpochSeedsPerSecond[0]);
            // The same comparison in CPU time, which other processes on the machine do not change.
            double trainCpuPerK = lastEpochCpuSeconds[0] / train.size() * 1000;
            double scoreCpuPerK = c2.processSecondsSince(c1) / repeats / train.size() * 1000;
            System.out.printf(java.util.Locale.ROOT, "CPU per 1k train seeds: last epoch's training %.3f s (%s; "
                    + "%.2f cores busy), scoring %.3f s (%s, over %d pass(es); %.2f cores busy); CPU-time ratio "
                    + "%.2fx%n", trainCpuPerK, lastEpochCpuBreakdown[0],
                    lastEpochCpuSeconds[0] / (train.size() / lastEpochSeedsPerSecond[0]), scoreCpuPerK,
                    c2.breakdownSince(c1), repeats, c2.processSecondsSince(c1) / repeats / scoreWall,
                    trainCpuPerK / scoreCpuPerK);
            Path bundle = Files.createTempDirectory("gnn-probe-bundle");
            predictor.save(bundle.resolve("model"));
            try (var files = Files.list(bundle.resolve("model"))) {
                files.forEach(f -> System.out.printf("  bundle %s %d bytes%n", f.getFileName(), f.toFile().length()));
            }
        }
        System.out.printf("peak RSS %s; load %s%n", String.format(java.util.Locale.ROOT, "%.0f MB", ProcessReadings.peakRssMb()), ProcessReadings.loadAverage());
    }

    /**
     * Times assembly (sampling + encoding) and the math of a few batches of {@code examples} separately, single
     * thread: forward, backward and Adam when {@code training}, else forward only in eval mode.
     */
    private static void breakdown(Database db, PredictiveQuery query, TrainingSplits splits, GnnConfig config,
                                  TrainingTable examples, boolean training) {
        HeteroGraph graph = HeteroGraph.build(db);
        TrainingTable train = splits.train();
        long latest = train.anchors().stream().mapToLong(Long::longValue).max().orElseThrow();
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, latest,
                EncodingConfig.defaults().withChildActivity(config.childSummariesOr(true)));
        double[] labels = new double[train.size()];
        Arrays.setAll(labels, train::label);
        PredictionHead head = PredictionHead.fit(query.taskType(), labels);
        String entity = query.entityTable().toLowerCase(java.util.Locale.ROOT);
        HeteroGnn model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                entity, head.outputs());
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, entity, config.samplerConfig());
        Adam adam = new Adam(model.parameters(), Adam.Config.of(config.learningRate()));
        int batch = config.batchSize();
        long assembleNs = 0;
        long mathNs = 0;
        long nodes = 0;
        long edges = 0;
        int steps = 8;
        for (int b = 0; b < steps + 2; b++) {
            // Spread over the table so batches cover several anchors, as shuffled training batches do.
            int[] rows = new int[batch];
            long[] times = new long[batch];
            double[] y = new double[batch];
            for (int i = 0; i < batch; i++) {
                int k = (int) ((long) (b * batch + i) * 7919 % examples.size());
                rows[i] = examples.entityRow(k);
                times[i] = examples.anchorTime(k);
                y[i] = examples.label(k);
            }
            long t0 = System.nanoTime();
            GraphBatch g = assembler.assemble(rows, times);
            long t1 = System.nanoTime();
            if (training) {
                adam.zeroGrad();
                model.backward(head.loss(model.forward(g), y).gradient());
                adam.step();
            } else {
                model.eval();
                model.forward(g);
            }
            long t2 = System.nanoTime();
            if (b >= 2) {
                assembleNs += t1 - t0;
                mathNs += t2 - t1;
                nodes += g.nodes().values().stream().mapToLong(NodeInputs::size).sum();
                edges += g.edges().values().stream().mapToLong(e -> e.numEdges()).sum();
            }
        }
        System.out.printf("%s breakdown per batch of %d: assemble %.0f ms, %s %.0f ms; %d nodes, %d edges per batch%n",
                examples.split(), batch, assembleNs / 1e6 / steps, training ? "forward+backward+adam" : "forward",
                mathNs / 1e6 / steps,
                nodes / steps, edges / steps);
    }

}
