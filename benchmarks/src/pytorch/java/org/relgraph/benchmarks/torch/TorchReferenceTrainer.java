package org.relgraph.benchmarks.torch;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.train.BatchPipeline;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.TaskLabels;
import org.relgraph.gnn.train.Trainer;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.metrics.BinaryMetrics;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitLabelCheck;
import org.relgraph.query.TaskType;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/**
 * Trains {@link TorchHeteroSage} with {@link TorchAdam} the way a plain PyTorch script trains its model, on the batches
 * relgraph's {@link Trainer} would train on: the same input encoding ({@link GnnPredictor#fitEncoding}), seeds
 * ({@link LabeledSeeds#from}), starting weights (copied from a freshly built {@link HeteroGnn}), epoch order and
 * neighbour samples ({@link Trainer#epochOrder}, {@link Trainer#epochAssembler}), assembled one batch ahead on a
 * background thread as the trainer does. So an epoch's seeds/s here and in {@code relgraph train} time the same
 * work, and what differs is the engine. A binary task only (the reference's loss is {@link TorchHeteroSage#binaryLoss}).
 *
 * <p>What it leaves out of relgraph's loop on purpose, as a plain script would: gradient clipping, weight decay,
 * early stopping. Validation and test AUROC are computed after each epoch, outside the timed epoch, as relgraph's
 * trainer validates outside its epoch time.
 */
public final class TorchReferenceTrainer {
    private TorchReferenceTrainer() {
    }

    /**
     * One training epoch.
     *
     * @param seconds     wall time of the epoch's batches (sampling not hidden by the prefetch included), no evaluation
     * @param waitSeconds of that, the time the training thread waited for the next batch to be assembled
     * @param loss        mean training loss over the epoch's batches
     */
    public record Epoch(int epoch, int seeds, double seconds, double waitSeconds, double loss, double valAuroc,
                        double testAuroc) {
        public double seedsPerSecond() {
            return seeds / seconds;
        }

        public double waitShare() {
            return waitSeconds / seconds;
        }
    }

    /** The check that both engines compute the same thing, then the epochs. */
    public record Result(ReferenceAgreement agreement, List<Epoch> epochs) {
        /** The epoch with the best validation AUROC (the first of equals), whose test AUROC relgraph would report. */
        public Epoch best() {
            Epoch best = epochs.get(0);
            for (Epoch e : epochs) {
                if (e.valAuroc() > best.valAuroc()) {
                    best = e;
                }
            }
            return best;
        }
    }

    /**
     * Trains {@code config.epochs()} epochs over all of {@code splits.train()} in batches of
     * {@code config.batchSize()}, printing a line per epoch on {@code out}.
     *
     * @throws IllegalStateException when the two engines disagree on the first batch (timing them would compare
     *                               different work)
     */
    public static Result train(Database db, PredictiveQuery query, TrainingSplits splits, GnnConfig config,
                               PrintStream out) {
        if (query.taskType() != TaskType.BINARY) {
            throw new IllegalArgumentException("the PyTorch reference trains binary tasks only, not "
                    + query.taskType());
        }
        SplitLabelCheck.requireLearnable(db, query, splits);
        DatabaseEncoding encoding = GnnPredictor.fitEncoding(db, splits, config);
        HeteroGraph graph = HeteroGraph.build(db);
        String entityType = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase(query.entityTable()))
                .findFirst().orElseThrow();
        List<EdgeKey> edgeKeys = BatchAssembler.edgeKeys(graph);
        long[] entityTimes = graph.nodeTimes(entityType);
        LabeledSeeds train = LabeledSeeds.from(splits.train(), config, entityTimes);
        LabeledSeeds val = LabeledSeeds.from(splits.val(), config, entityTimes);
        LabeledSeeds test = LabeledSeeds.from(splits.test(), config, entityTimes);
        PredictionHead head = PredictionHead.fit(query.taskType(), train.labels());
        HeteroGnn ours = new HeteroGnn(config, graph.nodeTypes(), edgeKeys, encoding, entityType, head.outputs());
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, entityType, config.samplerConfig());

        Engine.getEngine("PyTorch").setRandomSeed((int) config.seed()); // dropout masks, as torch.manual_seed
        try (NDManager root = NDManager.newBaseManager();
             TorchHeteroSage torch = new TorchHeteroSage(ours, config, graph.nodeTypes(), edgeKeys, root);
             BatchPipeline pipeline = new BatchPipeline(true)) {
            ReferenceAgreement agreement = agreementOnFirstBatch(ours, torch, head, assembler, train, config, root);
            out.println(agreement.describe());
            agreement.require();
            TorchAdam adam = new TorchAdam(new ArrayList<>(torch.parameters().values()), config.learningRate(), root);
            int n = train.size();
            int batchSize = config.batchSize();
            List<Epoch> epochs = new ArrayList<>();
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                int[] order = Trainer.epochOrder(config, n, epoch);
                Iterator<GraphBatch> batches = pipeline.batches(Trainer.epochAssembler(assembler, config, epoch),
                        Trainer.batchSeeds(train.rows(), train.times(), order, batchSize));
                long start = System.nanoTime();
                long waited = 0;
                double lossSum = 0;
                int batchCount = 0;
                for (int from = 0; from < n; from += batchSize) {
                    long w = System.nanoTime();
                    GraphBatch batch = batches.next();
                    waited += System.nanoTime() - w;
                    int to = Math.min(n, from + batchSize);
                    double[] labels = new double[to - from];
                    for (int i = from; i < to; i++) {
                        labels[i - from] = train.labels()[order[i]];
                    }
                    lossSum += step(torch, head, adam, batch, labels, root);
                    batchCount++;
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                Epoch e = new Epoch(epoch, n, seconds, waited / 1e9, lossSum / batchCount,
                        auroc(torch, pipeline, assembler, val, batchSize, root),
                        auroc(torch, pipeline, assembler, test, batchSize, root));
                epochs.add(e);
                out.printf(Locale.ROOT, "epoch %d: %.0f seeds/s (%d seeds in %.1f s, %.1f %% of it waiting for "
                                + "batches), loss %.4f, val auroc %.4f%n", epoch, e.seedsPerSecond(), n, seconds,
                        100 * e.waitShare(), e.loss(), e.valAuroc());
                out.flush();
            }
            return new Result(agreement, epochs);
        }
    }

    /**
     * Both models from the same weights on epoch 1's first batch, dropout off; {@code ours} is not used afterwards
     * (the torch model holds its own copy of the weights).
     */
    private static ReferenceAgreement agreementOnFirstBatch(HeteroGnn ours, TorchHeteroSage torch, PredictionHead head,
                                                            BatchAssembler assembler, LabeledSeeds train,
                                                            GnnConfig config, NDManager root) {
        int[] order = Trainer.epochOrder(config, train.size(), 1);
        BatchPipeline.Seeds first = Trainer.batchSeeds(train.rows(), train.times(), order, config.batchSize()).next();
        double[] labels = new double[first.rows().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = train.labels()[order[i]];
        }
        GraphBatch batch = Trainer.epochAssembler(assembler, config, 1).assemble(first.rows(), first.times());
        return ReferenceAgreement.measure(ours, torch, head, batch, labels, root);
    }

    /**
     * One training step as a plain PyTorch loop runs it: forward with dropout, the binary loss, backward, Adam; the
     * loss read out as {@code loss.item()} does.
     */
    static double step(TorchHeteroSage model, PredictionHead head, TorchAdam adam, GraphBatch batch, double[] labels,
                       NDManager root) {
        try (NDManager scratch = root.newSubManager()) {
            float loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(batch, true, scratch);
                NDArray value = TorchHeteroSage.binaryLoss(logits, TorchHeteroSage.floats(labels),
                        head.positiveWeight(), scratch);
                collector.backward(value);
                loss = value.getFloat();
            }
            adam.step(scratch);
            return loss;
        }
    }

    /** The seeds' logits in eval mode (no dropout, no autograd), as {@code model.eval()} under no_grad. */
    static float[] forward(TorchHeteroSage model, GraphBatch batch, NDManager root) {
        try (NDManager scratch = root.newSubManager()) {
            return model.forward(batch, false, scratch).toFloatArray();
        }
    }

    /** AUROC of the logits on {@code seeds}, sampled with the base seed as relgraph's validation samples them. */
    private static double auroc(TorchHeteroSage model, BatchPipeline pipeline, BatchAssembler assembler,
                                LabeledSeeds seeds, int batchSize, NDManager root) {
        double[] scores = new double[seeds.size()];
        Iterator<GraphBatch> batches = pipeline.batches(assembler, Trainer.batchSeeds(seeds.rows(), seeds.times(),
                Trainer.inOrder(seeds.size()), batchSize));
        int at = 0;
        while (batches.hasNext()) {
            float[] logits = forward(model, batches.next(), root);
            for (float z : logits) {
                scores[at++] = z;
            }
        }
        if (at != scores.length) {
            throw new IllegalStateException(at + " scores for " + scores.length + " seeds");
        }
        return BinaryMetrics.auroc(scores, TaskLabels.binary(seeds.labels()));
    }

    /** The mean of the epochs' seeds/s from {@code fromEpoch} on (1-based), as the issue compares epochs 2-3. */
    public static double meanSeedsPerSecond(List<Epoch> epochs, int fromEpoch) {
        return epochs.stream().filter(e -> e.epoch() >= fromEpoch).mapToDouble(Epoch::seedsPerSecond).average()
                .orElse(Double.NaN);
    }
}
