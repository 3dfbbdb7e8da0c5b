package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The layer seam with the second convolution: a GAT stack through {@link HeteroConv} and {@link NodeUpdate}. */
class GatStackTest {
    private static final DataType D = DataType.DOUBLE;
    private static final List<String> TYPES = HeteroLayerTest.TYPES;
    private static final List<EdgeKey> EDGE_TYPES = HeteroLayerTest.EDGE_TYPES;

    private static HeteroStack stack(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        HeteroStack stack = new HeteroStack("gat", TYPES, EDGE_TYPES, List.of(
                HeteroLayer.Config.of(3, 5).withConv(ConvKind.GAT).withActivation(Activation.GELU),
                HeteroLayer.Config.of(5, 5).withConv(ConvKind.GAT)), D, rng);
        for (Parameter p : stack.parameters()) {
            if (!p.name().endsWith(".weight")) {
                p.value().addi(randn(rng, p.value().shape()).muli(0.3));
            }
        }
        return stack;
    }

    private static Map<String, double[]> times(SplittableRandom rng) {
        Map<String, double[]> t = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : Map.of("customer", 4, "order", 6, "product", 3).entrySet()) {
            double[] v = new double[e.getValue()];
            for (int i = 0; i < v.length; i++) {
                v[i] = 3 * rng.nextDouble();
            }
            t.put(e.getKey(), v);
        }
        return t;
    }

    private static double project(Map<String, INDArray> out, Map<String, INDArray> weights) {
        double s = 0;
        for (String t : out.keySet()) {
            s += GradientCheck.project(out.get(t), weights.get(t));
        }
        return s;
    }

    @Test
    void twoLayerGatStackGradientsMatchFiniteDifferences() {
        HeteroStack stack = stack(42);
        SplittableRandom rng = new SplittableRandom(43);
        Map<EdgeKey, EdgeIndex> edges = HeteroLayerTest.tinyGraph();
        Map<String, INDArray> x = HeteroLayerTest.features(rng, 3);
        Map<String, double[]> times = times(rng);
        Set<String> all = Set.copyOf(TYPES);
        Map<String, INDArray> r = new LinkedHashMap<>();
        stack.forward(x, times, edges, all, null).forEach((t, out) -> r.put(t, randn(rng, out.shape())));

        stack.zeroGrad();
        stack.forward(x, times, edges, all, null);
        Map<String, INDArray> gx = stack.backward(r);
        Map<String, double[]> gt = stack.timeGradients();

        GradientCheck check = new GradientCheck(() -> project(stack.forward(x, times, edges, all, null), r), 5, 12);
        for (String t : TYPES) {
            check.check("input " + t, x.get(t), gx.get(t));
        }
        for (Parameter p : stack.parameters()) {
            check.check(p.name(), p.value(), p.grad());
        }
        for (String t : List.of("order", "product")) {
            // Orders and products are message sources, so their times reach the attention scores.
            INDArray tArray = Nd4j.createFromArray(times.get(t));
            GradientCheck timeCheck = new GradientCheck(() -> {
                Map<String, double[]> moved = new LinkedHashMap<>(times);
                moved.put(t, tArray.toDoubleVector());
                return project(stack.forward(x, moved, edges, all, null), r);
            }, 6, 10);
            timeCheck.check("time " + t, tArray, Nd4j.createFromArray(gt.get(t)));
        }
        assertTrue(stack.parameters().stream().anyMatch(p -> p.name().equals("gat.layer0." + HeteroLayerTest.PLACED_BY.id()
                + ".gat.att_time")), "per layer and edge type its own attention");
        System.out.printf("gradcheck %-28s worst rel err %.2e over %d parameters + 3 inputs%n",
                "HeteroStack(2 GAT layers)", check.worst(), stack.parameters().size());
    }

    /** trim_to_layer through the seam: the seeds' outputs and every gradient equal the untrimmed ones. */
    @Test
    void hopTrimmingGivesTheSeedsTheUntrimmedOutputsAndGradients() {
        Map<EdgeKey, EdgeIndex> edges = HeteroLayerTest.tinyGraph();
        // Seeds: customers 0 and 1; hop 1: their orders 0, 1, 2; hop 2: the rest. Per edge type, the edges into
        // nodes within d hops are a prefix, as in a sampled batch.
        HopPrefixes prefixes = new HopPrefixes(
                Map.of("customer", new int[] {2, 2, 4}, "order", new int[] {0, 3, 6}, "product", new int[] {0, 0, 3}),
                Map.of(HeteroLayerTest.PLACED_BY, new int[] {3, 3, 6}, HeteroLayerTest.PLACES, new int[] {0, 3, 6},
                        HeteroLayerTest.CONTAINED_IN, new int[] {0, 3, 7}, HeteroLayerTest.FOLLOWS, new int[] {0, 1, 3}));
        Map<String, INDArray> x = HeteroLayerTest.features(new SplittableRandom(10), 3);
        Map<String, double[]> times = times(new SplittableRandom(12));
        INDArray r = randn(new SplittableRandom(11), 2, 5);
        HeteroStack full = stack(9);
        HeteroStack trimmed = stack(9);

        INDArray fullOut = full.forward(x, times, edges, Set.of("customer"), null).get("customer");
        INDArray rFull = Nd4j.zeros(D, fullOut.size(0), 5);
        rFull.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2), org.nd4j.linalg.indexing.NDArrayIndex.all())
                .assign(r);
        Map<String, INDArray> fullGrad = full.backward(Map.of("customer", rFull));
        INDArray trimmedOut = trimmed.forward(x, times, edges, Set.of("customer"), prefixes).get("customer");
        Map<String, INDArray> trimmedGrad = trimmed.backward(Map.of("customer", r));

        assertEquals(2, trimmedOut.size(0));
        assertEquals(0, fullOut.getRows(0, 1).sub(trimmedOut).norm2Number().doubleValue(), 1e-12);
        for (String t : TYPES) {
            assertEquals(0, fullGrad.get(t).sub(trimmedGrad.get(t)).norm2Number().doubleValue(), 1e-12, t);
        }
        for (int i = 0; i < full.parameters().size(); i++) {
            INDArray a = full.parameters().get(i).grad();
            INDArray b = trimmed.parameters().get(i).grad();
            assertEquals(0, a.sub(b).norm2Number().doubleValue(), 1e-12, full.parameters().get(i).name());
        }
        for (String t : full.timeGradients().keySet()) {
            assertEquals(0, Nd4j.createFromArray(full.timeGradients().get(t))
                    .sub(Nd4j.createFromArray(trimmed.timeGradients().get(t))).norm2Number().doubleValue(), 1e-12, t);
        }
    }
}
