package org.relgraph.benchmarks.graph;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.table.Database;

/**
 * Builds the graph of a 10M-row transactions table referencing 1M customers. The score is transaction rows
 * per second (one operation = one row). Bytes per directed edge and per row are printed once at setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class GraphBuildBenchmark {
    static final int CUSTOMERS = 1_000_000;
    static final int TRANSACTIONS = 10_000_000;

    private Database db;

    @Setup(Level.Trial)
    public void setUp() {
        db = SyntheticBank.customersAndTransactions(CUSTOMERS, TRANSACTIONS, 42);
        HeteroGraph g = HeteroGraph.build(db);
        long rows = (long) CUSTOMERS + TRANSACTIONS;
        System.out.printf("%n[graph] %d directed edges, %d bytes: %.2f bytes/directed edge, %.2f bytes/row%n",
                g.edgeCount(), g.memoryBytes(), (double) g.memoryBytes() / g.edgeCount(),
                (double) g.memoryBytes() / rows);
        for (EdgeType t : g.edgeTypes()) {
            System.out.println("[graph] " + t + ": " + g.degreeStats(t));
        }
    }

    @Benchmark
    @OperationsPerInvocation(TRANSACTIONS)
    public HeteroGraph build() {
        return HeteroGraph.build(db);
    }
}
