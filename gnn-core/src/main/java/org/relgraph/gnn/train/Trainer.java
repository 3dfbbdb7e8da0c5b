package org.relgraph.gnn.train;

import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.nn.loss.LossValue;

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
    private final HeteroGnn model;
    private final PredictionHead head;
    private final BatchAssembler assembler;
    private final GnnConfig config;
    private final BatchPipeline pipeline;
    private final EpochLoop loop;
    /** See {@link #bestValidationOutputs}; null once handed over or when the last fit did not keep them. */
    private double[][] bestValOutputs;

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
        this.loop = new EpochLoop(model, assembler, config, pipeline);
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
        return fit(train, null, val, listener, resumeFrom, afterEpoch);
    }

    /**
     * {@link #fit(LabeledSeeds, LabeledSeeds, TrainingListener, TrainingState, Consumer)} with each training
     * example's loss scaled by its weight ({@link ExampleWeights}).
     *
     * @param weights one per training example, or null for equal weights
     */
    public TrainingResult fit(LabeledSeeds train, double[] weights, LabeledSeeds val, TrainingListener listener,
                              TrainingState resumeFrom, Consumer<TrainingState> afterEpoch) {
        return fit(train, weights, val, listener, resumeFrom, afterEpoch, null);
    }

    /**
     * {@link #fit(LabeledSeeds, double[], LabeledSeeds, TrainingListener, TrainingState, Consumer)} with every
     * epoch's optimisation steps taken by {@code runner} (e.g. data-parallel workers) instead of this trainer's own
     * batch loop; the order, validation, early stopping and the restored best weights stay here.
     *
     * @param runner null: this trainer's own loop, as the other {@code fit}
     */
    public TrainingResult fit(LabeledSeeds train, double[] weights, LabeledSeeds val, TrainingListener listener,
                              TrainingState resumeFrom, Consumer<TrainingState> afterEpoch, EpochRunner runner) {
        if (weights != null && weights.length != train.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + train.size() + " examples");
        }
        ValidationMetric metric = ValidationMetric.forTask(head.taskType());
        bestValOutputs = null;
        EpochLoop.RemoteEpoch remote = runner == null ? null : (epoch, order, adam) -> runner.train(
                new EpochRunner.Epoch(epoch, order, train, weights, model, adam, config));
        EpochLoop.Fitted fitted = loop.run(train.rows(), train.times(), metric, steps(train, weights), () -> {
            double[][] outputs = predict(val.rows(), val.times(), done -> listener.onScoring("val", done, val.size()));
            return new EpochLoop.Validation(metric.compute(outputs, val.labels(), head), outputs);
        }, false, listener, resumeFrom, afterEpoch, remote);
        bestValOutputs = fitted.bestValOutputs();
        return fitted.result();
    }

    /**
     * Trains from the model's current weights for exactly {@code epochs} epochs, with no validation and no early
     * stopping, and keeps the last epoch's weights: a refit on more examples for the number of epochs an earlier
     * {@link #fit} chose. Epoch e's example order, sampler and dropout are derived from (seed, e) as in
     * {@link #fit}, so the refit is deterministic for a seed.
     *
     * @param weights one per example, or null for equal weights
     */
    public TrainingResult fitEpochs(LabeledSeeds examples, double[] weights, int epochs, TrainingListener listener) {
        ValidationMetric metric = ValidationMetric.forTask(head.taskType());
        bestValOutputs = null;
        EpochLoop fixed = new EpochLoop(model, assembler,
                config.withLoop(config.loop().withEpochs(epochs)), pipeline);
        // An undefined validation metric never counts against an epoch: the loop keeps the latest weights.
        return fixed.run(examples.rows(), examples.times(), metric, steps(examples, weights),
                () -> new EpochLoop.Validation(Double.NaN, null), false, listener, null, state -> { }).result();
    }

    /** The batch step on {@code train}: the head's loss, its gradient rows scaled by the examples' weights. */
    private EpochLoop.EpochSteps steps(LabeledSeeds train, double[] weights) {
        if (weights != null && weights.length != train.size()) {
            throw new IllegalArgumentException(weights.length + " weights for " + train.size() + " examples");
        }
        return (epoch, order) -> (batch, from, to) -> {
            double[] labels = new double[to - from];
            for (int i = from; i < to; i++) {
                labels[i - from] = train.labels()[order[i]];
            }
            double[] w = null;
            if (weights != null) {
                w = new double[to - from];
                for (int i = from; i < to; i++) {
                    w[i - from] = weights[order[i]];
                }
            }
            return batchLoss(model, head, batch, labels, w);
        };
    }

    /**
     * Forward, loss and backward of one batch (the gradients accumulate into the parameters): the head's loss on
     * {@code labels}, its gradient rows scaled by {@code weights} (null: equal). The step of {@link #fit} and of a
     * data-parallel worker ({@link ShardSteps}) alike.
     *
     * @return the batch's loss that gradient descends: with weights, the mean of each example's loss times its
     *         weight (the epoch line and the loss history report what training optimises, not the plain mean)
     */
    static double batchLoss(HeteroGnn model, PredictionHead head, GraphBatch batch, double[] labels,
                            double[] weights) {
        LossValue loss = head.loss(model.forward(batch), labels);
        INDArray gradient = loss.gradient();
        if (weights != null) {
            gradient.muliColumnVector(Nd4j.create(weights, new long[] {weights.length, 1}, DataType.DOUBLE)
                    .castTo(gradient.dataType()));
        }
        model.backward(gradient);
        return weights == null ? loss.value() : loss.weighted(weights);
    }

    /**
     * The outputs on {@code val} of the weights the last {@link #fit} restored: kept from the validation pass that
     * chose those weights (the restored weights give exactly these again, bit for bit: same weights, same batches,
     * sampled with the base seed, eval mode), or, when that pass ran before a resume, scored now as a {@code "val"}
     * pass {@code listener} hears of. The kept outputs are handed over once; the trainer holds no copy afterwards.
     *
     * @param val the validation examples the last fit was given
     */
    public double[][] bestValidationOutputs(LabeledSeeds val, TrainingListener listener) {
        double[][] kept = bestValOutputs;
        bestValOutputs = null;
        return kept != null ? kept
                : predict(val.rows(), val.times(), done -> listener.onScoring("val", done, val.size()));
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
        return predict(rows, times, done -> { });
    }

    /**
     * {@link #predict(int[], long[])}, telling {@code scored} 0 as it starts and after each batch how many rows are
     * scored so far (rising to {@code rows.length}), on this thread.
     */
    public double[][] predict(int[] rows, long[] times, IntConsumer scored) {
        boolean wasTraining = model.isTraining();
        model.eval();
        model.forwardOnly(true);
        try {
            double[][] scores = new double[rows.length][];
            scored.accept(0);
            Iterator<GraphBatch> it = pipeline.batches(assembler,
                    EpochLoop.chunks(rows, times, EpochLoop.identity(rows.length), config.batchSize()));
            for (int start = 0; start < rows.length; start += config.batchSize()) {
                GraphBatch batch = it.next();
                try (MemoryWorkspace ignored = StepWorkspace.open()) {
                    double[][] s = head.scores(model.forward(batch));
                    System.arraycopy(s, 0, scores, start, s.length);
                }
                scored.accept(Math.min(rows.length, start + config.batchSize()));
            }
            return scores;
        } finally {
            model.forwardOnly(false);
            model.train(wasTraining);
        }
    }

    /**
     * The seeds' final hidden rows ({@link HeteroGnn#seedHidden}) in eval mode, in batches of
     * {@link GnnConfig#batchSize()}, sampled as {@link #predict} samples them: one row of {@code config.hidden()}
     * numbers per seed.
     */
    public float[][] embed(int[] rows, long[] times) {
        boolean wasTraining = model.isTraining();
        model.eval();
        model.forwardOnly(true);
        try {
            float[][] out = new float[rows.length][];
            Iterator<GraphBatch> it = pipeline.batches(assembler,
                    EpochLoop.chunks(rows, times, EpochLoop.identity(rows.length), config.batchSize()));
            for (int start = 0; start < rows.length; start += config.batchSize()) {
                GraphBatch batch = it.next();
                try (MemoryWorkspace ignored = StepWorkspace.open()) {
                    float[][] h = model.seedHidden(batch).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT)
                            .toFloatMatrix();
                    System.arraycopy(h, 0, out, start, h.length);
                }
            }
            return out;
        } finally {
            model.forwardOnly(false);
            model.train(wasTraining);
        }
    }

    /**
     * Epoch {@code epoch}'s example order as {@link #fit} shuffles it, for a benchmark that replays this training in
     * another engine on the same batches.
     */
    public static int[] epochOrder(GnnConfig config, int size, int epoch) {
        return EpochLoop.epochOrder(config, size, epoch);
    }

    /** The sampler {@link #fit} assembles epoch {@code epoch}'s batches with; {@code base} as given to the trainer. */
    public static BatchAssembler epochAssembler(BatchAssembler base, GnnConfig config, int epoch) {
        return EpochLoop.epochAssembler(base, config, epoch);
    }

    /** The seeds at {@code order} in batches of {@code batchSize}, as {@link #fit} and {@link #predict} cut them. */
    public static Iterator<BatchPipeline.Seeds> batchSeeds(int[] rows, long[] times, int[] order, int batchSize) {
        return EpochLoop.chunks(rows, times, order, batchSize);
    }

    /** {@code 0, 1, ..., n-1}: the order {@link #predict} scores in. */
    public static int[] inOrder(int n) {
        return EpochLoop.identity(n);
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
