package org.relgraph.benchmarks.gnn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.relgraph.gnn.nn.Aggregation;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.HeteroLayer;

/**
 * One {@link HeteroLayer} forward and backward on the shape of a training step's first layer: 512 seed
 * customers, each with {@code fanout} sampled transactions (hop 1) that are also messages back to the customers
 * (the reverse edge type), hidden width {@code hidden}, LayerNorm + ReLU + residual as in the model. Scores are ms
 * per forward+backward; compare with the 1024×1024 f32 matmul ceiling (~30 ms on 2 cores) in STACK-FACTS.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
public class HeteroSageLayerBenchmark {
    private static final int SEEDS = 512;
    private static final EdgeKey MADE_BY = new EdgeKey("transaction", "made_by", "customer");
    private static final EdgeKey MAKES = new EdgeKey("customer", "makes", "transaction");

    @Param({"64"})
    int hidden;

    @Param({"10"})
    int fanout;

    @Param({"MEAN", "SUM"})
    Aggregation aggregation;

    private HeteroLayer layer;
    private Map<String, INDArray> x;
    private Map<EdgeKey, EdgeIndex> edges;
    private Map<String, INDArray> gradOut;

    @Setup
    public void setUp() {
        Nd4j.getRandom().setSeed(42);
        int transactions = SEEDS * fanout;
        layer = new HeteroLayer("bench", List.of("customer", "transaction"), List.of(MADE_BY, MAKES),
                HeteroLayer.Config.of(hidden, hidden).withAggregation(aggregation), DataType.FLOAT,
                new SplittableRandom(42));
        x = new LinkedHashMap<>();
        x.put("customer", Nd4j.rand(DataType.FLOAT, SEEDS, hidden));
        x.put("transaction", Nd4j.rand(DataType.FLOAT, transactions, hidden));
        int[] tx = new int[transactions];
        int[] owner = new int[transactions];
        for (int i = 0; i < transactions; i++) {
            tx[i] = i;
            owner[i] = i / fanout;
        }
        edges = new LinkedHashMap<>();
        edges.put(MADE_BY, new EdgeIndex(tx, owner));
        edges.put(MAKES, new EdgeIndex(owner, tx));
        gradOut = new LinkedHashMap<>();
        gradOut.put("customer", Nd4j.ones(DataType.FLOAT, SEEDS, hidden));
        gradOut.put("transaction", Nd4j.ones(DataType.FLOAT, transactions, hidden));
    }

    @Benchmark
    public Map<String, INDArray> forwardBackward() {
        layer.forward(x, edges);
        return layer.backward(gradOut);
    }
}
