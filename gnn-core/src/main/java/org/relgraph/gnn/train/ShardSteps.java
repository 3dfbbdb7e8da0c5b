package org.relgraph.gnn.train;

import java.util.Iterator;
import java.util.List;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.gnn.nn.Parameter;
import org.relgraph.gnn.optim.Adam;

/**
 * A data-parallel worker's part of training: from given weights and optimiser state, the optimisation steps of
 * one shard of batches, exactly as {@link Trainer#fit}'s loop takes them (same Adam settings and clipping, same
 * batch loss, same memory scope), returning the weights and state it ends with. One model per instance: use it
 * from one thread at a time.
 */
public final class ShardSteps {
    /**
     * The batches one worker trains in a round, in order.
     *
     * @param rows        seed entity rows, batch after batch
     * @param times       their input times
     * @param labels      their labels
     * @param weights     their loss weights, or null for equal weights
     * @param batchSize   seeds per batch (the last batch may be shorter)
     * @param samplerSeed the neighbour sampler's seed for these batches
     * @param dropoutSeed the seed dropout is reseeded with before the first batch
     */
    public record Shard(int[] rows, long[] times, double[] labels, double[] weights, int batchSize, long samplerSeed,
                        long dropoutSeed) implements java.io.Serializable {
        public int batches() {
            return (rows.length + batchSize - 1) / batchSize;
        }
    }

    /**
     * Where a shard's batches come from: its seeds, in order, cut into batches of {@link Shard#batchSize}. This
     * version samples them from the database ({@link #sampling}); a source reading materialised neighbourhoods
     * (Spark's {@code neighbourhoods} job) gives the same batches for MOST_RECENT sampling without the database.
     */
    public interface BatchSource {
        Iterator<GraphBatch> batches(Shard shard);

        /** Sampled and encoded by {@code assembler}, its sampler seeded with the shard's {@link Shard#samplerSeed}. */
        static BatchSource sampling(BatchAssembler assembler) {
            return shard -> {
                BatchAssembler sampler = assembler.withSamplerSeed(shard.samplerSeed());
                Iterator<BatchPipeline.Seeds> seeds = EpochLoop.chunks(shard.rows(), shard.times(),
                        EpochLoop.identity(shard.rows().length), shard.batchSize());
                return new Iterator<>() {
                    @Override
                    public boolean hasNext() {
                        return seeds.hasNext();
                    }

                    @Override
                    public GraphBatch next() {
                        BatchPipeline.Seeds s = seeds.next();
                        return sampler.assemble(s.rows(), s.times());
                    }
                };
            };
        }
    }

    /** Weights and Adam state (moments flattened in parameter order, step count). */
    public record State(float[] weights, float[] firstMoment, float[] secondMoment, int step)
            implements java.io.Serializable {
    }

    /** What a shard's steps end with: the state, the sum of the batches' losses and how many batches ran. */
    public record Result(State state, double lossSum, int batches) implements java.io.Serializable {
    }

    private final HeteroGnn model;
    private final PredictionHead head;
    private final BatchSource batches;
    private final List<Parameter> parameters;
    private final Adam adam;

    /** @param batches e.g. {@link BatchSource#sampling} with the assembler {@link Trainer#fit} samples with */
    public ShardSteps(HeteroGnn model, PredictionHead head, BatchSource batches, GnnConfig config) {
        this.model = model;
        this.head = head;
        this.batches = batches;
        this.parameters = model.parameters();
        this.adam = EpochLoop.adam(model, config);
    }

    /** The model's parameters, in the order of {@link FlatParameters}. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Trains {@code shard}'s batches from {@code start}; the weights and state after its last step. */
    public Result run(State start, Shard shard) {
        FlatParameters.assign(start.weights(), parameters);
        adam.restore(new Adam.State(start.step(), FlatParameters.byName(start.firstMoment(), parameters),
                FlatParameters.byName(start.secondMoment(), parameters)));
        model.train(true);
        model.reseed(shard.dropoutSeed());
        Iterator<GraphBatch> it = batches.batches(shard);
        double lossSum = 0;
        int count = 0;
        for (int from = 0; from < shard.rows().length; from += shard.batchSize()) {
            GraphBatch batch = it.next();
            int to = Math.min(shard.rows().length, from + shard.batchSize());
            adam.zeroGrad();
            try (MemoryWorkspace ignored = StepWorkspace.open()) {
                lossSum += Trainer.batchLoss(model, head, batch, slice(shard.labels(), from, to),
                        shard.weights() == null ? null : slice(shard.weights(), from, to));
                adam.step();
            }
            count++;
        }
        Adam.State end = adam.state();
        return new Result(new State(FlatParameters.values(parameters),
                FlatParameters.flatten(end.firstMoment(), parameters),
                FlatParameters.flatten(end.secondMoment(), parameters), end.step()), lossSum, count);
    }

    /** The current weights with fresh (zero) moments: the state training starts from. */
    public static State initial(List<Parameter> parameters) {
        int n = FlatParameters.length(parameters);
        return new State(FlatParameters.values(parameters), new float[n], new float[n], 0);
    }

    private static double[] slice(double[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}
