package org.relgraph.gnn.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Times forward + backward of a 2-layer, hidden-128 {@link HeteroStack} on a synthetic batch
 * shaped like a sampled relational mini-batch: 512 customer seeds; three child tables each
 * contributing 20 rows per seed (hop 1) with one edge back to their customer; each child row links
 * one product from a static product table (hop 2). Only customer outputs receive a gradient, as in
 * node-level training.
 *
 * <p>Usage: {@code ThroughputProbe [steps] [warmup] [full]}; by default the last layer computes only
 * customers ({@link HeteroStack#forward(Map, Map, java.util.Set)}), {@code full} computes every type. Set {@code OMP_NUM_THREADS} to compare ND4J
 * thread counts; the Java gather/aggregate kernels use the common fork/join pool. {@code -Dconv=gat} times the
 * attention convolution (every row given a random age) instead of SAGE.
 */
public final class ThroughputProbe {
    private static final int SEEDS = 512;
    private static final int CHILD_FANOUT = 20;
    private static final int PRODUCTS = 2000;
    private static final int DIM = 128;
    private static final String[] CHILDREN = {"orders", "reviews", "returns"};

    private ThroughputProbe() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        boolean full = args.length > 2 && args[2].equals("full");
        DataType dtype = DataType.FLOAT;
        SplittableRandom rng = new SplittableRandom(2024);

        List<String> nodeTypes = new ArrayList<>(List.of("customer", "product"));
        nodeTypes.addAll(List.of(CHILDREN));
        Map<String, INDArray> x = new LinkedHashMap<>();
        Map<EdgeKey, EdgeIndex> edges = new LinkedHashMap<>();
        x.put("customer", Nd4j.rand(dtype, SEEDS, DIM).subi(0.5));
        x.put("product", Nd4j.rand(dtype, PRODUCTS, DIM).subi(0.5));
        int childRows = SEEDS * CHILD_FANOUT;
        for (String child : CHILDREN) {
            x.put(child, Nd4j.rand(dtype, childRows, DIM).subi(0.5));
            int[] rows = new int[childRows];
            int[] customer = new int[childRows];
            int[] product = new int[childRows];
            for (int i = 0; i < childRows; i++) {
                rows[i] = i;
                customer[i] = i / CHILD_FANOUT;
                product[i] = rng.nextInt(PRODUCTS);
            }
            edges.put(new EdgeKey(child, "of", "customer"), new EdgeIndex(rows, customer));
            edges.put(new EdgeKey("customer", "has", child), new EdgeIndex(customer, rows));
            edges.put(new EdgeKey("product", "in", child), new EdgeIndex(product, rows));
        }
        ConvKind conv = ConvKind.valueOf(System.getProperty("conv", "sage").toUpperCase(java.util.Locale.ROOT));
        HeteroStack stack = new HeteroStack("probe", nodeTypes, List.copyOf(edges.keySet()), List.of(
                HeteroLayer.Config.of(DIM, DIM).withDropout(0.1).withConv(conv),
                HeteroLayer.Config.of(DIM, DIM).withDropout(0.1).withConv(conv)), dtype, rng);
        Map<String, double[]> times = null;
        if (conv.readsTime()) {
            times = new LinkedHashMap<>();
            for (Map.Entry<String, INDArray> e : x.entrySet()) {
                times.put(e.getKey(), rng.doubles(e.getValue().size(0), 0, 8).toArray());
            }
        }
        INDArray gradCustomer = Nd4j.rand(dtype, SEEDS, DIM);

        long totalRows = x.values().stream().mapToLong(a -> a.size(0)).sum();
        long totalEdges = edges.values().stream().mapToLong(EdgeIndex::numEdges).sum();
        System.out.printf("batch: %d node rows, %d edges, %d edge types, dim %d, %s, %s, %s, OMP_NUM_THREADS=%s, cores=%d%n",
                totalRows, totalEdges, edges.size(), DIM, dtype, conv, full ? "all outputs" : "customer outputs only",
                System.getenv("OMP_NUM_THREADS"),
                Runtime.getRuntime().availableProcessors());

        double[] forwardMs = new double[steps];
        double[] stepMs = new double[steps];
        for (int s = -warmup; s < steps; s++) {
            stack.zeroGrad();
            long t0 = System.nanoTime();
            stack.forward(x, times, edges, full ? java.util.Set.copyOf(nodeTypes) : java.util.Set.of("customer"), null);
            long t1 = System.nanoTime();
            stack.backward(Map.of("customer", gradCustomer));
            long t2 = System.nanoTime();
            if (s >= 0) {
                forwardMs[s] = (t1 - t0) / 1e6;
                stepMs[s] = (t2 - t0) / 1e6;
            }
        }
        double median = median(stepMs);
        System.out.printf("forward median %.1f ms; forward+backward median %.1f ms/step (min %.1f, max %.1f) over %d steps"
                        + " -> %.0f seeds/s%n",
                median(forwardMs), median, Arrays.stream(stepMs).min().orElse(0), Arrays.stream(stepMs).max().orElse(0),
                steps, SEEDS / (median / 1000));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
