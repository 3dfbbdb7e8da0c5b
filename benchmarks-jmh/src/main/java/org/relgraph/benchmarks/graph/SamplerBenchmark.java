package org.relgraph.benchmarks.graph;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.sampling.SampledSubgraph;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.sampling.TemporalNeighborSampler;

/**
 * Samples batches of 512 account seeds x fanouts [20, 10] on a bank-like graph, single thread. The score
 * {@code sample:sampledEdges} is sampled edges per second; {@code sample} alone is batches per second.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class SamplerBenchmark {
    private static final int BATCH = 512;
    private static final int BATCHES = 64;

    @Param({"UNIFORM", "MOST_RECENT"})
    public String strategy;

    private TemporalNeighborSampler sampler;
    private int[][] seedNodes;
    private long[][] seedTimes;
    private int next;

    /** Counted by JMH as a rate next to the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long sampledEdges;

        @Setup(Level.Iteration)
        public void reset() {
            sampledEdges = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        HeteroGraph graph = HeteroGraph.build(SyntheticBank.accountsAndMerchants(100_000, 200_000, 5_000,
                4_000_000, 7));
        sampler = new TemporalNeighborSampler(graph, new SamplerConfig(new int[] {20, 10},
                SamplerConfig.Strategy.valueOf(strategy), 1));
        long[] opened = graph.nodeTimes("accounts");
        SplittableRandom rnd = new SplittableRandom(3);
        seedNodes = new int[BATCHES][BATCH];
        seedTimes = new long[BATCHES][BATCH];
        for (int b = 0; b < BATCHES; b++) {
            for (int i = 0; i < BATCH; i++) {
                int account = rnd.nextInt(opened.length);
                seedNodes[b][i] = account;
                seedTimes[b][i] = opened[account] + rnd.nextLong(2 * SyntheticBank.YEAR_MS);
            }
        }
        long edges = 0;
        for (int b = 0; b < BATCHES; b++) {
            edges += sampler.sample("accounts", seedNodes[b], seedTimes[b]).edgeCount();
        }
        System.out.printf("%n[sampler] %s: %.0f sampled edges per batch of %d seeds%n", strategy,
                (double) edges / BATCHES, BATCH);
    }

    @Benchmark
    public SampledSubgraph sample(Counts counts) {
        int b = next;
        next = (next + 1) % BATCHES;
        SampledSubgraph sub = sampler.sample("accounts", seedNodes[b], seedTimes[b]);
        counts.sampledEdges += sub.edgeCount();
        return sub;
    }
}
