package org.relgraph.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.nn.Parameter;
import org.relgraph.gnn.optim.Adam;
import org.relgraph.gnn.train.EpochRunner;
import org.relgraph.gnn.train.FlatParameters;
import org.relgraph.gnn.train.LabeledSeeds;
import org.relgraph.gnn.train.ShardSteps;

/**
 * Synchronous data-parallel training by parameter averaging (as DL4J's {@code ParameterAveragingTrainingMaster}):
 * an epoch's batches (the single-machine loop's shuffled order, cut into the same batches) are split into one
 * contiguous shard per partition; in each round the driver broadcasts the weights (and, with {@link
 * OptimiserState#AVERAGED}, Adam's moments), every partition takes up to k steps on its next k batches, and {@code
 * treeAggregate} sums what they end with, weighted by their steps, in doubles; the driver divides. With one
 * partition and k at least the epoch's batches, one round is the single-machine epoch step for step.
 */
final class ParameterAveraging implements EpochRunner {
    /** What happens to Adam's moments between rounds; see docs/SPARK.md, "train". */
    enum OptimiserState {
        /** Averaged like the weights (DL4J's {@code averageUpdaters}, its default); step count: the round's steps. */
        AVERAGED,
        /** Each partition keeps its own moments and step count from round to round; only weights are averaged. */
        PER_WORKER
    }

    /** One partition's work in a round: its shard and, with PER_WORKER state, its own moments. */
    record Task(int partition, ShardSteps.Shard shard, boolean keepsState, ShardSteps.State ownState)
            implements Serializable {
    }

    private final JavaSparkContext spark;
    private final TrainingWorkers.Recipe recipe;
    private final int partitions;
    private final int averagingSteps;
    private final OptimiserState optimiserState;
    private final Consumer<String> progress;
    /** PER_WORKER: each partition's moments and step count, carried from round to round. */
    private final Map<Integer, ShardSteps.State> workerStates = new HashMap<>();
    private Broadcast<TrainingWorkers.Recipe> recipeBroadcast;
    private int rounds;

    ParameterAveraging(JavaSparkContext spark, TrainingWorkers.Recipe recipe, int partitions, int averagingSteps,
                       OptimiserState optimiserState, Consumer<String> progress) {
        if (partitions < 1 || averagingSteps < 1) {
            throw new IllegalArgumentException("partitions and averaging steps must be positive");
        }
        this.spark = spark;
        this.recipe = recipe;
        this.partitions = partitions;
        this.averagingSteps = averagingSteps;
        this.optimiserState = optimiserState;
        this.progress = progress;
    }

    /** Averaging rounds run so far. */
    int rounds() {
        return rounds;
    }

    @Override
    public double train(Epoch epoch) {
        if (recipeBroadcast == null) {
            recipeBroadcast = spark.broadcast(recipe); // once per run: the bundle's bytes
        }
        GnnConfig config = epoch.config();
        LabeledSeeds train = epoch.train();
        int size = epoch.order().length;
        int batchSize = config.batchSize();
        int batches = (size + batchSize - 1) / batchSize;
        int[] shardStart = new int[partitions + 1];
        for (int p = 0; p <= partitions; p++) {
            shardStart[p] = (int) ((long) batches * p / partitions);
        }
        int longest = 0;
        for (int p = 0; p < partitions; p++) {
            longest = Math.max(longest, shardStart[p + 1] - shardStart[p]);
        }
        List<Parameter> parameters = epoch.model().parameters();
        Adam.State adam = epoch.adam().state();
        ShardSteps.State state = new ShardSteps.State(FlatParameters.values(parameters),
                FlatParameters.flatten(adam.firstMoment(), parameters),
                FlatParameters.flatten(adam.secondMoment(), parameters), adam.step());
        double lossSum = 0;
        int lossBatches = 0;
        int roundsThisEpoch = (longest + averagingSteps - 1) / averagingSteps;
        for (int r = 0; r < roundsThisEpoch; r++) {
            List<Task> tasks = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int from = shardStart[p] + r * averagingSteps;
                int to = Math.min(shardStart[p + 1], from + averagingSteps);
                if (from < to) {
                    boolean own = optimiserState == OptimiserState.PER_WORKER;
                    tasks.add(new Task(p, shard(epoch, from, to, batchSize, config, p, r), own,
                            own ? workerStates.get(p) : null));
                }
            }
            RoundSum sum = round(tasks, state);
            state = sum.average(state, optimiserState);
            if (optimiserState == OptimiserState.PER_WORKER) {
                workerStates.putAll(sum.workerStates);
            }
            lossSum += sum.lossSum;
            lossBatches += sum.batches;
            rounds++;
        }
        FlatParameters.assign(state.weights(), parameters);
        if (optimiserState == OptimiserState.AVERAGED) {
            epoch.adam().restore(new Adam.State(state.step(), FlatParameters.byName(state.firstMoment(), parameters),
                    FlatParameters.byName(state.secondMoment(), parameters)));
        }
        progress.accept(String.format(Locale.ROOT, "epoch %d: %d batches in %d rounds of up to %d steps on %d "
                + "partitions, loss %.4f", epoch.number(), batches, roundsThisEpoch, averagingSteps, partitions,
                lossSum / lossBatches));
        return lossSum / lossBatches;
    }

    /** Batches {@code [from, to)} of the epoch's order as one worker's shard, with seeds derived from (p, round). */
    private static ShardSteps.Shard shard(Epoch epoch, int from, int to, int batchSize, GnnConfig config, int p,
                                          int round) {
        int[] order = epoch.order();
        int first = from * batchSize;
        int last = Math.min(order.length, to * batchSize);
        LabeledSeeds train = epoch.train();
        int n = last - first;
        int[] rows = new int[n];
        long[] times = new long[n];
        double[] labels = new double[n];
        double[] weights = epoch.weights() == null ? null : new double[n];
        for (int i = 0; i < n; i++) {
            int e = order[first + i];
            rows[i] = train.rows()[e];
            times[i] = train.times()[e];
            labels[i] = train.labels()[e];
            if (weights != null) {
                weights[i] = epoch.weights()[e];
            }
        }
        // Partition 0's first round samples and drops out exactly as the single-machine epoch does (seed + epoch,
        // seed * 1_000_033 + epoch); every other (partition, round) gets its own streams.
        long stream = (long) round * 1_000 + p;
        return new ShardSteps.Shard(rows, times, labels, weights, batchSize,
                config.seed() + epoch.number() + 1_000_003L * stream,
                config.seed() * 1_000_033L + epoch.number() + 1_000_037L * stream);
    }

    private RoundSum round(List<Task> tasks, ShardSteps.State start) {
        // With per-worker moments only the weights are shared; each task carries its own moments.
        ShardSteps.State shared = optimiserState == OptimiserState.AVERAGED ? start
                : new ShardSteps.State(start.weights(), null, null, 0);
        Broadcast<ShardSteps.State> startBroadcast = spark.broadcast(shared);
        Broadcast<TrainingWorkers.Recipe> r = recipeBroadcast;
        try {
            JavaRDD<Task> rdd = spark.parallelize(tasks, tasks.size());
            return rdd.treeAggregate(new RoundSum(), (acc, task) -> acc.add(task, TrainingWorkers.run(r.value(),
                    startFor(task, startBroadcast.value()), task.shard())), RoundSum::merge, 2);
        } finally {
            startBroadcast.destroy();
        }
    }

    /** The state a task starts from: the shared weights, with its own moments when it keeps them. */
    private static ShardSteps.State startFor(Task task, ShardSteps.State shared) {
        if (shared.firstMoment() != null) {
            return shared;
        }
        ShardSteps.State own = task.ownState();
        int n = shared.weights().length;
        return own == null ? new ShardSteps.State(shared.weights(), new float[n], new float[n], 0)
                : new ShardSteps.State(shared.weights(), own.firstMoment(), own.secondMoment(), own.step());
    }

    /** Stops using the cluster: the recipe's broadcast is removed from the executors. */
    void release() {
        if (recipeBroadcast != null) {
            recipeBroadcast.destroy();
            recipeBroadcast = null;
        }
    }

    /**
     * The sum of a round's results: weights and moments times steps (in doubles: the sum of one result divided by
     * its steps is its own float again, exactly), losses, batches, the longest shard's steps, and per-worker states.
     */
    static final class RoundSum implements Serializable {
        double[] weights;
        double[] firstMoment;
        double[] secondMoment;
        double lossSum;
        int batches;
        int maxSteps;
        final Map<Integer, ShardSteps.State> workerStates = new HashMap<>();

        RoundSum add(Task task, ShardSteps.Result result) {
            ShardSteps.State s = result.state();
            int steps = result.batches();
            if (weights == null) {
                weights = new double[s.weights().length];
                firstMoment = new double[s.weights().length];
                secondMoment = new double[s.weights().length];
            }
            for (int i = 0; i < weights.length; i++) {
                weights[i] += (double) s.weights()[i] * steps;
                firstMoment[i] += (double) s.firstMoment()[i] * steps;
                secondMoment[i] += (double) s.secondMoment()[i] * steps;
            }
            lossSum += result.lossSum();
            batches += steps;
            maxSteps = Math.max(maxSteps, steps);
            if (task.keepsState()) {
                workerStates.put(task.partition(), new ShardSteps.State(null, s.firstMoment(), s.secondMoment(),
                        s.step()));
            }
            return this;
        }

        RoundSum merge(RoundSum other) {
            if (other.weights == null) {
                return this;
            }
            if (weights == null) {
                return other;
            }
            for (int i = 0; i < weights.length; i++) {
                weights[i] += other.weights[i];
                firstMoment[i] += other.firstMoment[i];
                secondMoment[i] += other.secondMoment[i];
            }
            lossSum += other.lossSum;
            batches += other.batches;
            maxSteps = Math.max(maxSteps, other.maxSteps);
            workerStates.putAll(other.workerStates);
            return this;
        }

        /** The step-weighted averages, as the state the next round starts from. */
        ShardSteps.State average(ShardSteps.State before, OptimiserState mode) {
            if (weights == null) {
                throw new IllegalStateException("a round with no batches");
            }
            float[] w = divide(weights, batches);
            if (mode == OptimiserState.PER_WORKER) {
                return new ShardSteps.State(w, before.firstMoment(), before.secondMoment(), before.step());
            }
            // Adam's bias correction counts sequential steps: every worker's moments are as old as the longest shard
            return new ShardSteps.State(w, divide(firstMoment, batches), divide(secondMoment, batches),
                    before.step() + maxSteps);
        }

        private static float[] divide(double[] sum, int n) {
            float[] out = new float[sum.length];
            for (int i = 0; i < sum.length; i++) {
                out[i] = (float) (sum[i] / n);
            }
            return out;
        }
    }
}
