package org.relgraph.gnn.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.nn.loss.LossValue;
import org.relgraph.gnn.optim.Adam;

/**
 * Mini-batch training of a {@link HeteroGnn} with Adam, validation after every epoch, early stopping with
 * {@link GnnConfig#patience()} and restore of the best epoch's weights; and batched inference.
 *
 * <p>Deterministic for a seed, epoch by epoch: the example order of epoch e is a shuffle seeded from (seed, e), its
 * neighbourhoods come from a sampler seeded with {@code seed + e}, and dropout generators are reseeded from
 * (seed, e) when the epoch starts. Validation and inference always sample with the base seed, so scores do not
 * depend on how many epochs ran before; and a run resumed from a {@link TrainingState} repeats an uninterrupted
 * one exactly.
 */
public final class Trainer implements AutoCloseable {
    /** A single bad batch (e.g. with a heavily weighted positive) cannot throw the weights far. */
    private static final double MAX_GRAD_NORM = 5.0;

    private final HeteroGnn model;
    private final PredictionHead head;
    private final BatchAssembler assembler;
    private final GnnConfig config;
    private final BatchPipeline pipeline;

    /**
     * @param assembler used only by this trainer from now on (by its prefetch thread when {@code prefetch})
     * @param prefetch  assemble the next batch on a background thread while the current one trains
     */
    public Trainer(HeteroGnn model, PredictionHead head, BatchAssembler assembler, GnnConfig config,
                   boolean prefetch) {
        this.model = model;
        this.head = head;
        this.assembler = assembler;
        this.config = config;
        this.pipeline = new BatchPipeline(prefetch);
    }

    public TrainingResult fit(LabeledSeeds train, LabeledSeeds val, TrainingListener listener) {
        return fit(train, val, listener, null, state -> { });
    }

    /**
     * Trains from scratch, or continues from {@code resumeFrom}, handing {@code afterEpoch} the complete state at
     * the end of every epoch (before the listener hears of it, so whatever stops the run after an epoch finds that
     * epoch saved). A run resumed from the state of epoch k gives bit for bit the weights and histories of an
     * uninterrupted run: the model and optimiser are restored from the state, and every random stream of epoch e
     * (example order, neighbour sampling, dropout) is derived from (seed, e) alone.
     *
     * @param resumeFrom a state saved by an earlier run with the same model, config and examples, or null
     */
    public TrainingResult fit(LabeledSeeds train, LabeledSeeds val, TrainingListener listener,
                              TrainingState resumeFrom, Consumer<TrainingState> afterEpoch) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training examples");
        }
        ValidationMetric metric = ValidationMetric.forTask(head.taskType());
        Adam adam = new Adam(model.parameters(), Adam.Config.of(config.learningRate())
                .withWeightDecay(config.weightDecay()).withMaxGradNorm(MAX_GRAD_NORM));
        int batches = (train.size() + config.batchSize() - 1) / config.batchSize();
        List<Double> valHistory = new ArrayList<>();
        List<Double> lossHistory = new ArrayList<>();
        WeightCheckpoint best = null;
        double bestMetric = Double.NaN;
        int bestEpoch = 0;
        int sinceBest = 0;
        int firstEpoch = 1;
        if (resumeFrom != null) {
            resumeFrom.weights().restoreInto(model);
            adam.restore(resumeFrom.optimiser());
            valHistory.addAll(resumeFrom.valHistory());
            lossHistory.addAll(resumeFrom.lossHistory());
            best = resumeFrom.bestWeights();
            bestMetric = resumeFrom.bestMetric();
            bestEpoch = resumeFrom.bestEpoch();
            sinceBest = resumeFrom.sinceBest();
            firstEpoch = resumeFrom.epoch() + 1;
        }
        long fitStart = System.nanoTime();
        // A run that had already stopped early before it was interrupted has nothing left to train.
        for (int epoch = firstEpoch; epoch <= config.epochs() && sinceBest < config.patience(); epoch++) {
            model.train(true);
            model.reseed(config.seed() * 1_000_033L + epoch);
            int[] order = shuffledOrder(train.size(), config.seed() * 1_000_003L + epoch);
            Iterator<GraphBatch> it = pipeline.batches(assembler.withSamplerSeed(config.seed() + epoch),
                    chunks(train, order));
            long epochStart = System.nanoTime();
            double lossSum = 0;
            long seen = 0;
            for (int b = 0; b < batches; b++) {
                GraphBatch batch = it.next();
                double[] labels = labelsOf(train, order, b);
                adam.zeroGrad();
                INDArray out = model.forward(batch);
                LossValue loss = head.loss(out, labels);
                model.backward(loss.gradient());
                adam.step();
                lossSum += loss.value();
                seen += labels.length;
                double seconds = (System.nanoTime() - epochStart) / 1e9;
                listener.onBatchEnd(progress(epoch, firstEpoch, b + 1, batches, lossSum / (b + 1), seen / seconds,
                        metric, Double.NaN, fitStart, train.size()));
            }
            double epochLoss = lossSum / batches;
            double seedsPerSecond = seen / ((System.nanoTime() - epochStart) / 1e9);
            double valMetric = evaluate(val, metric);
            valHistory.add(valMetric);
            lossHistory.add(epochLoss);
            // An undefined metric (empty or one-class validation set) gives no reason to stop: keep the latest.
            if (best == null || metric.isBetter(valMetric, bestMetric) || Double.isNaN(valMetric)) {
                best = WeightCheckpoint.capture(model);
                bestMetric = valMetric;
                bestEpoch = epoch;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            afterEpoch.accept(new TrainingState(epoch, WeightCheckpoint.capture(model), adam.state(), best,
                    bestMetric, bestEpoch, sinceBest, valHistory, lossHistory));
            listener.onEpochEnd(progress(epoch, firstEpoch, batches, batches, epochLoss, seedsPerSecond, metric,
                    valMetric, fitStart, train.size()));
        }
        best.restoreInto(model);
        return new TrainingResult(metric, bestEpoch, bestMetric, valHistory, lossHistory);
    }

    /** The task's validation metric of the current weights on {@code examples}. */
    public double evaluate(LabeledSeeds examples, ValidationMetric metric) {
        return metric.compute(predict(examples.rows(), examples.times()), examples.labels(), head);
    }

    /**
     * Scores in eval mode (no dropout), in batches of {@link GnnConfig#batchSize()}.
     *
     * @return per row, see {@link PredictionHead#scores}
     */
    public double[][] predict(int[] rows, long[] times) {
        boolean wasTraining = model.isTraining();
        model.eval();
        try {
            double[][] scores = new double[rows.length][];
            int[] identity = new int[rows.length];
            Arrays.setAll(identity, i -> i);
            Iterator<GraphBatch> it = pipeline.batches(assembler,
                    chunks(new LabeledSeeds(rows, times, new double[rows.length]), identity));
            for (int start = 0; start < rows.length; start += config.batchSize()) {
                double[][] s = head.scores(model.forward(it.next()));
                System.arraycopy(s, 0, scores, start, s.length);
            }
            return scores;
        } finally {
            model.train(wasTraining);
        }
    }

    private Iterator<BatchPipeline.Seeds> chunks(LabeledSeeds seeds, int[] order) {
        int size = config.batchSize();
        return new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() {
                return start < order.length;
            }

            @Override
            public BatchPipeline.Seeds next() {
                int end = Math.min(order.length, start + size);
                int[] rows = new int[end - start];
                long[] times = new long[end - start];
                for (int i = start; i < end; i++) {
                    rows[i - start] = seeds.rows()[order[i]];
                    times[i - start] = seeds.times()[order[i]];
                }
                start = end;
                return new BatchPipeline.Seeds(rows, times);
            }
        };
    }

    private double[] labelsOf(LabeledSeeds seeds, int[] order, int batch) {
        int start = batch * config.batchSize();
        int end = Math.min(order.length, start + config.batchSize());
        double[] labels = new double[end - start];
        for (int i = start; i < end; i++) {
            labels[i - start] = seeds.labels()[order[i]];
        }
        return labels;
    }

    private static int[] shuffledOrder(int n, long seed) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** @param firstEpoch the first epoch this call trains; the rate and ETA count only the work it did */
    private TrainingProgress progress(int epoch, int firstEpoch, int batch, int batches, double loss,
                                      double seedsPerSecond, ValidationMetric metric, double valMetric, long fitStart,
                                      int trainSize) {
        double doneSeeds = ((epoch - firstEpoch) * (double) batches + batch) / batches * trainSize;
        double totalSeeds = (double) (config.epochs() - firstEpoch + 1) * trainSize;
        double elapsed = (System.nanoTime() - fitStart) / 1e9;
        double rate = doneSeeds / Math.max(elapsed, 1e-9);
        Duration eta = Duration.ofMillis((long) ((totalSeeds - doneSeeds) / rate * 1000));
        return new TrainingProgress(epoch, config.epochs(), batch, batches, loss, seedsPerSecond, metric, valMetric,
                eta);
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
