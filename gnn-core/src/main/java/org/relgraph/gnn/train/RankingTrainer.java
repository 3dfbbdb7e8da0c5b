package org.relgraph.gnn.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.RankingGnn;
import org.relgraph.gnn.nn.Matrices;
import org.relgraph.gnn.nn.loss.CandidateBce;
import org.relgraph.gnn.nn.loss.ListwiseSoftmax;
import org.relgraph.gnn.nn.loss.LossValue;
import org.relgraph.metrics.RankingMetrics;
import org.relgraph.query.RankingSeeds;

/**
 * Trains a {@link RankingGnn} with the {@link Objective} of its {@link Options}. The default,
 * {@link Objective#ACCEPTED_BCE}, is binary cross-entropy on every action of every seed — 1 if accepted in the window,
 * else 0 — so the model learns P(shown and accepted), which is what the ranking metrics reward: they rank all actions
 * against the accepted ones, so which offers reach the customer at all matters as much as which are accepted once
 * shown. {@link Objective#SHOWN_BCE} trains on shown candidates (accepted 1, refused 0) plus a few sampled unshown
 * actions at a lower weight, i.e. mostly P(accepted | shown). Early stopping on validation MAP@k over the whole
 * action space, with best-weight restore.
 *
 * <p>Deterministic for a seed, like {@link Trainer} (the two share one {@link EpochLoop}): seeded shuffles,
 * per-epoch sampler and dropout seeds, and negatives drawn from a per-epoch generator on the training thread; so
 * a run resumed from a {@link TrainingState} repeats an uninterrupted one exactly.
 */
public final class RankingTrainer implements AutoCloseable {
    /**
     * @param negatives      unshown actions sampled per seed and epoch, or {@link #ALL_UNSHOWN}
     * @param negativeWeight the loss weight of each, relative to 1 for a shown candidate
     * @param k              the cutoff of the validation MAP@k early stopping watches
     * @param objective      what the loss is computed on; {@code negatives} and {@code negativeWeight} apply to
     *                       {@link Objective#SHOWN_BCE} only
     */
    public record Options(int negatives, double negativeWeight, int k, Objective objective) {
        /** Every unshown action of every seed is a negative: no sampling noise, and the cost is only the head's. */
        public static final int ALL_UNSHOWN = Integer.MAX_VALUE;
        /**
         * {@link Objective#ACCEPTED_BCE}: on the synthetic bank it lifted validation MAP@3 from 0.19 to 0.29 over
         * {@link Objective#SHOWN_BCE} (README, "Next best action"); the sampling fields are then unused.
         */
        public static final Options DEFAULT = new Options(4, 0.25, 3, Objective.ACCEPTED_BCE);

        /**
         * These options as canonical JSON (fields in key order, no whitespace): part of a ranker's training
         * checkpoint identity, written out field by field so that it does not hang on {@code toString()}'s format.
         */
        public String canonical() {
            return String.format(java.util.Locale.ROOT,
                    "{\"k\":%d,\"negativeWeight\":%s,\"negatives\":%d,\"objective\":\"%s\"}", k,
                    Double.toString(negativeWeight), negatives, objective.name());
        }

        public Options {
            if (negatives < 0 || negativeWeight < 0 || k < 1 || objective == null) {
                throw new IllegalArgumentException("negatives >= 0, negativeWeight >= 0, k >= 1 and an objective "
                        + "expected");
            }
        }

        public Options(int negatives, double negativeWeight, int k) {
            this(negatives, negativeWeight, k, Objective.SHOWN_BCE);
        }

        public Options withObjective(Objective o) {
            return new Options(negatives, negativeWeight, k, o);
        }
    }

    /** The training loss. */
    public enum Objective {
        /** BCE on the shown candidates (accepted 1, refused 0) plus sampled unshown actions at a lower weight. */
        SHOWN_BCE,
        /**
         * BCE on every action of every seed at weight 1: 1 if accepted in the window, else 0 (refused and unshown
         * alike) — P(shown and accepted), the flat ranker's rows.
         */
        ACCEPTED_BCE,
        /**
         * Listwise softmax cross-entropy over all actions, target uniform over the seed's accepted actions; seeds
         * that accepted nothing are skipped, as the ranking metrics skip them.
         */
        SOFTMAX
    }

    private final RankingGnn model;
    private final BatchAssembler assembler;
    private final GnnConfig config;
    private final Options options;
    private final BatchPipeline pipeline;
    private final EpochLoop loop;
    /** See {@link #bestValidationOutputs}; null once handed over or when the last fit did not keep them. */
    private double[][] bestValOutputs;

    public RankingTrainer(RankingGnn model, BatchAssembler assembler, GnnConfig config, Options options,
                          boolean prefetch) {
        this.model = model;
        this.assembler = assembler;
        this.config = config;
        this.options = options;
        this.pipeline = new BatchPipeline(prefetch);
        this.loop = new EpochLoop(model, assembler, config, pipeline);
    }

    public TrainingResult fit(RankingSeeds train, RankingSeeds val, TrainingListener listener) {
        return fit(train, val, listener, null, state -> { });
    }

    /**
     * Trains from scratch, or continues from {@code resumeFrom}, handing {@code afterEpoch} the complete state at
     * the end of every epoch (before the listener hears of it), like {@link Trainer#fit}: a run resumed from the
     * state of epoch k gives bit for bit the weights and histories of an uninterrupted run, since every random
     * stream of epoch e (example order, neighbour sampling, dropout, negatives) is derived from (seed, e) alone.
     *
     * @param resumeFrom a state saved by an earlier run with the same model, config, options and examples, or null
     */
    public TrainingResult fit(RankingSeeds train, RankingSeeds val, TrainingListener listener,
                              TrainingState resumeFrom, Consumer<TrainingState> afterEpoch) {
        // The starting weights compete too: with the action bias initialised to a prior (RankingGnn#initActionBias)
        // they are the popularity ranking, and an epoch that does worse on validation should not replace them.
        bestValOutputs = null;
        EpochLoop.Fitted fitted = loop.run(train.rows(), train.times(), ValidationMetric.MAP, (epoch, order) -> {
            SplittableRandom negativeRng = new SplittableRandom(config.seed() * 7_919L + epoch);
            return (batch, from, to) -> {
                LossValue loss = loss(model.forward(batch), train, order, from, to, negativeRng);
                model.backward(loss.gradient());
                return loss.value();
            };
        }, () -> {
            double[][] outputs = predict(val.rows(), val.times(), done -> listener.onScoring("val", done, val.size()));
            return new EpochLoop.Validation(meanAveragePrecision(val, outputs, options.k()), outputs);
        }, true, listener, resumeFrom, afterEpoch);
        bestValOutputs = fitted.bestValOutputs();
        return fitted.result();
    }

    /**
     * The outputs on {@code val} of the weights the last {@link #fit} restored: kept from the validation pass that
     * chose those weights (the restored weights give exactly these again, bit for bit: same weights, same batches,
     * sampled with the base seed, eval mode), or, when that pass ran before a resume, scored now as a {@code "val"}
     * pass {@code listener} hears of. The kept outputs are handed over once; the trainer holds no copy afterwards.
     *
     * @param val the validation examples the last fit was given
     */
    public double[][] bestValidationOutputs(RankingSeeds val, TrainingListener listener) {
        double[][] kept = bestValOutputs;
        bestValOutputs = null;
        return kept != null ? kept
                : predict(val.rows(), val.times(), done -> listener.onScoring("val", done, val.size()));
    }

    private LossValue loss(INDArray logits, RankingSeeds seeds, int[] order, int from, int to,
                           SplittableRandom rng) {
        if (options.objective() != Objective.SHOWN_BCE) {
            double[][] targets = acceptedTargets(seeds, order, from, to, model.actions());
            // The listwise objective is not masked by eligibility (it is a research option, not on the CLI).
            return options.objective() == Objective.SOFTMAX ? ListwiseSoftmax.compute(logits, targets)
                    : allActionsBce(logits, targets, eligibility(seeds, order, from, to));
        }
        CandidateCells cells = new CandidateCells(model.actions(), options);
        for (int p = 0; p < to - from; p++) {
            int s = order[from + p];
            cells.addSeed(p, seeds.shown()[s], seeds.accepted()[s], seeds.eligible(s), rng);
        }
        return cells.loss(logits);
    }

    /**
     * Per seed of the batch, 1 for every action accepted in its window and 0 for every other action — shown and
     * refused or never shown alike; actions outside the space (index -1) are dropped.
     */
    static double[][] acceptedTargets(RankingSeeds seeds, int[] order, int from, int to, int actions) {
        double[][] targets = new double[to - from][actions];
        for (int p = 0; p < to - from; p++) {
            for (int a : seeds.relevant(order[from + p])) {
                if (a >= 0) {
                    targets[p][a] = 1;
                }
            }
        }
        return targets;
    }

    /** Per seed of the batch, which actions it may be recommended; null rows when every action may. */
    private static boolean[][] eligibility(RankingSeeds seeds, int[] order, int from, int to) {
        boolean[][] out = new boolean[to - from][];
        for (int p = 0; p < to - from; p++) {
            out[p] = seeds.eligible(order[from + p]);
        }
        return out;
    }

    /**
     * BCE on every (seed, action) cell at weight 1, except actions the seed may not be recommended (weight 0): what
     * cannot be recommended need not be scored, so the model spends nothing on it.
     */
    static LossValue allActionsBce(INDArray logits, double[][] targets, boolean[][] eligible) {
        int n = targets.length;
        int actions = n == 0 ? 0 : targets[0].length;
        int[] row = new int[n * actions];
        int[] col = new int[n * actions];
        double[] target = new double[n * actions];
        double[] weight = new double[n * actions];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < actions; a++) {
                int c = i * actions + a;
                row[c] = i;
                col[c] = a;
                target[c] = targets[i][a];
                weight[c] = eligible[i] == null || eligible[i][a] ? 1 : 0;
            }
        }
        return CandidateBce.compute(logits, row, col, target, weight);
    }

    /**
     * Per seed, the probability of the condition for every action (eval mode, no dropout), in batches.
     *
     * @return [seeds][actions], uncalibrated
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
            double[][] out = new double[rows.length][];
            scored.accept(0);
            Iterator<GraphBatch> it = pipeline.batches(assembler,
                    EpochLoop.chunks(rows, times, EpochLoop.identity(rows.length), config.batchSize()));
            for (int start = 0; start < rows.length; start += config.batchSize()) {
                GraphBatch batch = it.next();
                try (MemoryWorkspace ignored = StepWorkspace.open()) {
                    double[][] p = Matrices.rows(Transforms.sigmoid(model.forward(batch).castTo(DataType.DOUBLE),
                            false));
                    System.arraycopy(p, 0, out, start, p.length);
                }
                scored.accept(Math.min(rows.length, start + config.batchSize()));
            }
            return out;
        } finally {
            model.forwardOnly(false);
            model.train(wasTraining);
        }
    }

    /**
     * MAP@k of ranking each seed's eligible actions (the whole action space without an eligibility rule) by
     * {@code scores} against its accepted actions.
     */
    public static double meanAveragePrecision(RankingSeeds seeds, double[][] scores, int k) {
        if (seeds.size() == 0) {
            return Double.NaN;
        }
        List<int[]> rankings = new ArrayList<>();
        List<int[]> relevant = new ArrayList<>();
        for (int i = 0; i < seeds.size(); i++) {
            rankings.add(ranked(scores[i], seeds.eligible(i)));
            relevant.add(seeds.relevant(i));
        }
        return RankingMetrics.evaluate(rankings, relevant, k).map();
    }

    /** Action indices by descending score; ties keep the lower index first, so rankings are reproducible. */
    public static int[] ranked(double[] scores) {
        return ranked(scores, null);
    }

    /** {@link #ranked(double[])} of the eligible actions only (all when {@code eligible} is null). */
    public static int[] ranked(double[] scores, boolean[] eligible) {
        Integer[] idx = new Integer[scores.length];
        Arrays.setAll(idx, i -> i);
        Arrays.sort(idx, (a, b) -> Double.compare(scores[b], scores[a]));
        return Arrays.stream(idx).mapToInt(Integer::intValue).filter(a -> eligible == null || eligible[a])
                .toArray();
    }

    @Override
    public void close() {
        pipeline.close();
    }
}
