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

    /** A task's shard and what it ended with. */
    record Outcome(Task task, ShardSteps.Result result) implements Serializable {
    }

    /** Where a round's tasks run and where their batches come from. */
    interface Workers {
        /**
         * Called before the first round: per training example, the partition that must train it (where its
         * neighbourhood is held), or null when any partition can (each epoch's order is then cut into contiguous
         * blocks of batches).
         */
        int[] partitionOf(LabeledSeeds train, int partitions);

        /** The round's tasks, each run from {@code start} (its moments replaced by its own with PER_WORKER state). */
        JavaRDD<Outcome> run(List<Task> tasks, Broadcast<ShardSteps.State> start);

        /** Stops using the cluster. */
        void release();
    }

    private final JavaSparkContext spark;
    private final Workers workers;
    private final int partitions;
    private final int averagingSteps;
    private final OptimiserState optimiserState;
    private final Consumer<String> progress;
    /** PER_WORKER: each partition's moments and step count, carried from round to round. */
    private final Map<Integer, ShardSteps.State> workerStates = new HashMap<>();
    /** Per training example its partition, or null (contiguous blocks); known from the first epoch on. */
    private int[] partitionOf;
    private boolean placed;
    private int rounds;

    /** Workers that each load the database and sample their batches ({@link TrainingWorkers}). */
    ParameterAveraging(JavaSparkContext spark, TrainingWorkers.Recipe recipe, int partitions, int averagingSteps,
                       OptimiserState optimiserState, Consumer<String> progress) {
        this(spark, new DatabaseWorkers(spark, recipe), partitions, averagingSteps, optimiserState, progress);
    }

    ParameterAveraging(JavaSparkContext spark, Workers workers, int partitions, int averagingSteps,
                       OptimiserState optimiserState, Consumer<String> progress) {
        if (partitions < 1 || averagingSteps < 1) {
            throw new IllegalArgumentException("partitions and averaging steps must be positive");
        }
        this.spark = spark;
        this.workers = workers;
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
        GnnConfig config = epoch.config();
        if (!placed) {
            partitionOf = workers.partitionOf(epoch.train(), partitions);
            placed = true;
        }
        int batchSize = config.batchSize();
        int[][] examples = examples(epoch.order(), batchSize);
        int batches = 0;
        int longest = 0;
        for (int[] mine : examples) {
            int b = (mine.length + batchSize - 1) / batchSize;
            batches += b;
            longest = Math.max(longest, b);
        }
        List<Parameter> parameters = epoch.model().parameters();
        Adam.State adam = epoch.adam().state();
        ShardSteps.State state = new ShardSteps.State(FlatParameters.values(parameters),
                FlatParameters.flatten(adam.firstMoment(), parameters),
                FlatParameters.flatten(adam.secondMoment(), parameters), adam.step());
        double lossSum = 0;
        int lossBatches = 0;
        int roundsThisEpoch = (longest + averagingSteps - 1) / averagingSteps;
        int perRound = averagingSteps * batchSize;
        for (int r = 0; r < roundsThisEpoch; r++) {
            List<Task> tasks = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                int from = r * perRound;
                int to = (int) Math.min(examples[p].length, (long) from + perRound);
                if (from < to) {
                    boolean own = optimiserState == OptimiserState.PER_WORKER;
                    tasks.add(new Task(p, shard(epoch, examples[p], from, to, batchSize, config, p, r), own,
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

    /**
     * Per partition, the examples it trains this epoch, in the epoch's order: with fixed partitions, the order's
     * examples of that partition; else partition p gets the contiguous block of batches [pB/P, (p+1)B/P) of the
     * epoch's B batches.
     */
    private int[][] examples(int[] order, int batchSize) {
        int[][] out = new int[partitions][];
        if (partitionOf != null) {
            int[] counts = new int[partitions];
            for (int e : order) {
                counts[partitionOf[e]]++;
            }
            for (int p = 0; p < partitions; p++) {
                out[p] = new int[counts[p]];
                counts[p] = 0;
            }
            for (int e : order) {
                int p = partitionOf[e];
                out[p][counts[p]++] = e;
            }
            return out;
        }
        int batches = (order.length + batchSize - 1) / batchSize;
        for (int p = 0; p < partitions; p++) {
            int first = (int) Math.min(order.length, (long) batches * p / partitions * batchSize);
            int last = (int) Math.min(order.length, (long) batches * (p + 1) / partitions * batchSize);
            out[p] = java.util.Arrays.copyOfRange(order, first, last);
        }
        return out;
    }

    /** Examples {@code [from, to)} of a partition's examples as one worker's shard, seeds derived from (p, round). */
    private static ShardSteps.Shard shard(Epoch epoch, int[] examples, int from, int to, int batchSize,
                                          GnnConfig config, int p, int round) {
        LabeledSeeds train = epoch.train();
        int n = to - from;
        int[] rows = new int[n];
        long[] times = new long[n];
        double[] labels = new double[n];
        double[] weights = epoch.weights() == null ? null : new double[n];
        for (int i = 0; i < n; i++) {
            int e = examples[from + i];
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
        try {
            return workers.run(tasks, startBroadcast).treeAggregate(new RoundSum(), (acc, o) -> acc.add(o.task(),
                    o.result()), RoundSum::merge, 2);
        } finally {
            startBroadcast.destroy();
        }
    }

    /** The state a task starts from: the shared weights, with its own moments when it keeps them. */
    static ShardSteps.State startFor(Task task, ShardSteps.State shared) {
        if (shared.firstMoment() != null) {
            return shared;
        }
        ShardSteps.State own = task.ownState();
        int n = shared.weights().length;
        return own == null ? new ShardSteps.State(shared.weights(), new float[n], new float[n], 0)
                : new ShardSteps.State(shared.weights(), own.firstMoment(), own.secondMoment(), own.step());
    }

    /** Stops using the cluster: what the workers keep there is removed. */
    void release() {
        workers.release();
    }

    /** Each task's JVM loads the database once and samples its batches ({@link TrainingWorkers}). */
    private static final class DatabaseWorkers implements Workers {
        private final JavaSparkContext spark;
        private final TrainingWorkers.Recipe recipe;
        private Broadcast<TrainingWorkers.Recipe> recipeBroadcast;

        DatabaseWorkers(JavaSparkContext spark, TrainingWorkers.Recipe recipe) {
            this.spark = spark;
            this.recipe = recipe;
        }

        @Override
        public int[] partitionOf(LabeledSeeds train, int partitions) {
            return null; // every executor holds the database: any partition can train any example
        }

        @Override
        public JavaRDD<Outcome> run(List<Task> tasks, Broadcast<ShardSteps.State> start) {
            if (recipeBroadcast == null) {
                recipeBroadcast = spark.broadcast(recipe); // once per run: the bundle's bytes
            }
            Broadcast<TrainingWorkers.Recipe> r = recipeBroadcast;
            return spark.parallelize(tasks, tasks.size()).map(task -> new Outcome(task, TrainingWorkers.run(r.value(),
                    startFor(task, start.value()), task.shard())));
        }

        @Override
        public void release() {
            if (recipeBroadcast != null) {
                recipeBroadcast.destroy();
                recipeBroadcast = null;
            }
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
