package org.relgraph.gnn.train;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.nn.Module;
import org.relgraph.gnn.optim.Adam;

/**
 * The epoch loop {@link Trainer} and {@link RankingTrainer} share: Adam with gradient clipping, per-epoch shuffle,
 * sampler seed and dropout reseeding derived from (seed, epoch), batches through the {@link BatchPipeline},
 * validation after every epoch, early stopping with {@link GnnConfig#patience()} (or when the listener asks to stop,
 * {@link TrainingListener#stopRequested()}), restore of the best weights,
 * progress, and a {@link TrainingState} handed out after every epoch so a run can be resumed bit for bit.
 *
 * <p>What differs between the trainers is the loss of a batch ({@link EpochSteps}) and the validation metric.
 */
final class EpochLoop {
    /** A single bad batch (e.g. with a heavily weighted positive) cannot throw the weights far. */
    private static final double MAX_GRAD_NORM = 5.0;

    /** Trains on one batch: forward, loss and backward (the loop zeroes gradients before and steps Adam after). */
    interface BatchStep {
        /**
         * @param from the batch's first position in the epoch's order
         * @param to   one past its last
         * @return the batch's loss
         */
        double train(GraphBatch batch, int from, int to);
    }

    /** The batch step of one epoch; any randomness it needs must be derived from (seed, epoch) alone. */
    interface EpochSteps {
        BatchStep startEpoch(int epoch, int[] order);
    }

    /**
     * One validation pass: the validation examples' outputs under the current weights (as the trainer's
     * {@code predict} gives them) and the metric early stopping watches, computed from them.
     */
    record Validation(double metric, double[][] outputs) {
    }

    /**
     * What {@link #run} ends with: the result, and the outputs of the validation pass that chose the best weights
     * (restored, the weights give exactly these again, so a caller need not score validation a second time); null
     * when that pass ran before a resume.
     */
    record Fitted(TrainingResult result, double[][] bestValOutputs) {
    }

    /** An epoch's steps taken elsewhere ({@link EpochRunner}): leaves the weights in the model; its mean loss. */
    interface RemoteEpoch {
        double train(int epoch, int[] order, Adam adam);
    }

    private final Module model;
    private final BatchAssembler assembler;
    private final GnnConfig config;
    private final BatchPipeline pipeline;

    EpochLoop(Module model, BatchAssembler assembler, GnnConfig config, BatchPipeline pipeline) {
        this.model = model;
        this.assembler = assembler;
        this.config = config;
        this.pipeline = pipeline;
    }

    /**
     * @param startingWeightsCompete whether the weights before epoch 1 are the first candidate for the best ones
     *                               (best epoch 0), rather than epoch 1's whatever its metric
     * @param resumeFrom             a state saved by an earlier run with the same model, config and examples, or null
     * @param afterEpoch             receives the complete state at the end of every epoch, before the listener
     */
    Fitted run(int[] rows, long[] times, ValidationMetric metric, EpochSteps steps,
                       Supplier<Validation> validate,
                       boolean startingWeightsCompete, TrainingListener listener, TrainingState resumeFrom,
                       Consumer<TrainingState> afterEpoch) {
        return run(rows, times, metric, steps, validate, startingWeightsCompete, listener, resumeFrom, afterEpoch,
                null);
    }

    /** {@link #run} with each epoch's steps taken by {@code remote}, or by this loop when it is null. */
    Fitted run(int[] rows, long[] times, ValidationMetric metric, EpochSteps steps,
                       Supplier<Validation> validate,
                       boolean startingWeightsCompete, TrainingListener listener, TrainingState resumeFrom,
                       Consumer<TrainingState> afterEpoch, RemoteEpoch remote) {
        int size = rows.length;
        if (size == 0) {
            throw new IllegalArgumentException("no training examples");
        }
        Adam adam = adam(model, config);
        int batchSize = config.batchSize();
        int batches = (size + batchSize - 1) / batchSize;
        List<Double> valHistory = new ArrayList<>();
        List<Double> lossHistory = new ArrayList<>();
        WeightCheckpoint best = null;
        double bestMetric = Double.NaN;
        double[][] bestOutputs = null; // see Fitted#bestValOutputs
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
        } else if (startingWeightsCompete) {
            best = WeightCheckpoint.capture(model);
            Validation v = validate.get();
            bestMetric = v.metric();
            bestOutputs = v.outputs();
        }
        long fitStart = System.nanoTime();
        // A run that had already stopped early before it was interrupted has nothing left to train.
        for (int epoch = firstEpoch; epoch <= config.epochs() && sinceBest < config.patience(); epoch++) {
            model.train(true);
            model.reseed(config.seed() * 1_000_033L + epoch);
            int[] order = epochOrder(config, size, epoch);
            long epochStart = System.nanoTime();
            double epochLoss;
            if (remote != null) {
                epochLoss = remote.train(epoch, order, adam);
                listener.onBatchEnd(progress(epoch, firstEpoch, batches, batches, epochLoss,
                        size / ((System.nanoTime() - epochStart) / 1e9), metric, Double.NaN, fitStart, size));
            } else {
                epochLoss = localEpoch(rows, times, order, steps.startEpoch(epoch, order), adam, epoch, firstEpoch,
                        metric, listener, fitStart, epochStart);
            }
            double seedsPerSecond = size / ((System.nanoTime() - epochStart) / 1e9);
            Validation validation = validate.get();
            double valMetric = validation.metric();
            valHistory.add(valMetric);
            lossHistory.add(epochLoss);
            // An undefined metric (empty or one-class validation set) gives no reason to stop: keep the latest.
            if (best == null || metric.isBetter(valMetric, bestMetric) || Double.isNaN(valMetric)) {
                best = WeightCheckpoint.capture(model);
                bestMetric = valMetric;
                bestOutputs = validation.outputs();
                bestEpoch = epoch;
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            afterEpoch.accept(new TrainingState(epoch, WeightCheckpoint.capture(model), adam.state(), best,
                    bestMetric, bestEpoch, sinceBest, valHistory, lossHistory));
            listener.onEpochEnd(progress(epoch, firstEpoch, batches, batches, epochLoss, seedsPerSecond, metric,
                    valMetric, fitStart, size));
            if (listener.stopRequested()) {
                break;
            }
        }
        best.restoreInto(model);
        return new Fitted(new TrainingResult(metric, bestEpoch, bestMetric, valHistory, lossHistory), bestOutputs);
    }

    /** One epoch's batches on this thread; the mean batch loss. */
    private double localEpoch(int[] rows, long[] times, int[] order, BatchStep step, Adam adam, int epoch,
                              int firstEpoch, ValidationMetric metric, TrainingListener listener, long fitStart,
                              long epochStart) {
        int size = rows.length;
        int batchSize = config.batchSize();
        int batches = (size + batchSize - 1) / batchSize;
        Iterator<GraphBatch> it = pipeline.batches(epochAssembler(assembler, config, epoch),
                chunks(rows, times, order, batchSize));
        double lossSum = 0;
        for (int b = 0; b < batches; b++) {
            GraphBatch batch = it.next();
            int from = b * batchSize;
            int to = Math.min(size, from + batchSize);
            adam.zeroGrad();
            try (MemoryWorkspace ignored = StepWorkspace.open()) {
                lossSum += step.train(batch, from, to);
                adam.step();
            }
            double seconds = (System.nanoTime() - epochStart) / 1e9;
            listener.onBatchEnd(progress(epoch, firstEpoch, b + 1, batches, lossSum / (b + 1), to / seconds,
                    metric, Double.NaN, fitStart, size));
        }
        return lossSum / batches;
    }

    /** The optimiser every epoch loop (and every data-parallel worker, {@link ShardSteps}) trains with. */
    static Adam adam(Module model, GnnConfig config) {
        return new Adam(model.parameters(), Adam.Config.of(config.learningRate())
                .withWeightDecay(config.weightDecay()).withMaxGradNorm(MAX_GRAD_NORM));
    }

    /** Epoch {@code epoch}'s example order: a shuffle seeded from (seed, epoch). */
    static int[] epochOrder(GnnConfig config, int size, int epoch) {
        return shuffledOrder(size, config.seed() * 1_000_003L + epoch);
    }

    /** The sampler of epoch {@code epoch}'s batches: fresh neighbourhoods each epoch, seeded from (seed, epoch). */
    static BatchAssembler epochAssembler(BatchAssembler base, GnnConfig config, int epoch) {
        return base.withSamplerSeed(config.seed() + epoch);
    }

    /** The seeds of {@code order} in batches of {@code size}. */
    static Iterator<BatchPipeline.Seeds> chunks(int[] rows, long[] times, int[] order, int size) {
        return new Iterator<>() {
            private int start;

            @Override
            public boolean hasNext() {
                return start < order.length;
            }

            @Override
            public BatchPipeline.Seeds next() {
                int end = Math.min(order.length, start + size);
                int[] r = new int[end - start];
                long[] t = new long[end - start];
                for (int i = start; i < end; i++) {
                    r[i - start] = rows[order[i]];
                    t[i - start] = times[order[i]];
                }
                start = end;
                return new BatchPipeline.Seeds(r, t);
            }
        };
    }

    static int[] identity(int n) {
        int[] order = new int[n];
        Arrays.setAll(order, i -> i);
        return order;
    }

    private static int[] shuffledOrder(int n, long seed) {
        int[] order = identity(n);
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
}
