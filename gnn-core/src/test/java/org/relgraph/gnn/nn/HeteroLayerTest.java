package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class HeteroLayerTest {
    private static final DataType D = DataType.DOUBLE;
    static final EdgeKey PLACED_BY = new EdgeKey("order", "placed_by", "customer");
    static final EdgeKey PLACES = new EdgeKey("customer", "places", "order");
    static final EdgeKey CONTAINED_IN = new EdgeKey("product", "contained_in", "order");
    static final EdgeKey FOLLOWS = new EdgeKey("order", "follows", "order");
    static final List<String> TYPES = List.of("customer", "order", "product");
    static final List<EdgeKey> EDGE_TYPES = List.of(PLACED_BY, PLACES, CONTAINED_IN, FOLLOWS);

    /**
     * 4 customers, 6 orders, 3 products. Customer 3 places no order (a destination without
     * messages); no edge type points at products (a node type that only gets the root transform).
     */
    static Map<EdgeKey, EdgeIndex> tinyGraph() {
        int[] orderCustomer = {0, 0, 1, 2, 2, 2};
        int[] orders = {0, 1, 2, 3, 4, 5};
        Map<EdgeKey, EdgeIndex> edges = new LinkedHashMap<>();
        edges.put(PLACED_BY, new EdgeIndex(orders, orderCustomer));
        edges.put(PLACES, new EdgeIndex(orderCustomer, orders));
        edges.put(CONTAINED_IN, new EdgeIndex(new int[] {0, 2, 2, 1, 0, 2, 1}, new int[] {0, 1, 2, 3, 4, 5, 5}));
        edges.put(FOLLOWS, new EdgeIndex(new int[] {0, 3, 4}, new int[] {1, 4, 5}));
        return edges;
    }

    static Map<String, INDArray> features(SplittableRandom rng, int dim) {
        Map<String, INDArray> x = new LinkedHashMap<>();
        x.put("customer", randn(rng, 4, dim));
        x.put("order", randn(rng, 6, dim));
        x.put("product", randn(rng, 3, dim));
        return x;
    }

    private static double project(Map<String, INDArray> out, Map<String, INDArray> weights) {
        double s = 0;
        for (String t : out.keySet()) {
            s += GradientCheck.project(out.get(t), weights.get(t));
        }
        return s;
    }

    @Test
    void twoLayerStackGradientsMatchFiniteDifferences() {
        SplittableRandom rng = new SplittableRandom(42);
        Map<EdgeKey, EdgeIndex> edges = tinyGraph();
        HeteroStack stack = new HeteroStack("sage", TYPES, EDGE_TYPES, List.of(
                HeteroLayer.Config.of(3, 5).withAggregation(Aggregation.SUM).withActivation(Activation.GELU),
                HeteroLayer.Config.of(5, 5).withAggregation(Aggregation.MEAN).withActivation(Activation.RELU)),
                D, rng);
        // Nonzero LayerNorm shifts/gains and biases so their gradients are exercised off the init point.
        for (Parameter p : stack.parameters()) {
            if (!p.name().endsWith(".weight")) {
                p.value().addi(randn(rng, p.value().shape()).muli(0.3));
            }
        }
        Map<String, INDArray> x = features(rng, 3);
        Map<String, INDArray> r = new LinkedHashMap<>();
        stack.forward(x, edges).forEach((t, out) -> r.put(t, randn(rng, out.shape())));

        stack.zeroGrad();
        stack.forward(x, edges);
        Map<String, INDArray> gx = stack.backward(r);

        GradientCheck check = new GradientCheck(() -> project(stack.forward(x, edges), r), 5, 12);
        for (String t : TYPES) {
            check.check("input " + t, x.get(t), gx.get(t));
        }
        for (Parameter p : stack.parameters()) {
            check.check(p.name(), p.value(), p.grad());
        }
        System.out.printf("gradcheck %-28s worst rel err %.2e over %d parameters + 3 inputs%n",
                "HeteroStack(2 layers)", check.worst(), stack.parameters().size());
    }

    @Test
    void computingOnlyTheSeedTypeGivesTheSameOutputAndGradients() {
        Map<EdgeKey, EdgeIndex> edges = tinyGraph();
        List<HeteroLayer.Config> configs = List.of(HeteroLayer.Config.of(3, 4), HeteroLayer.Config.of(4, 4));
        HeteroStack full = new HeteroStack("s", TYPES, EDGE_TYPES, configs, D, new SplittableRandom(9));
        HeteroStack trimmed = new HeteroStack("s", TYPES, EDGE_TYPES, configs, D, new SplittableRandom(9));
        Map<String, INDArray> x = features(new SplittableRandom(10), 3);
        INDArray r = randn(new SplittableRandom(11), 4, 4);

        INDArray fullOut = full.forward(x, edges).get("customer");
        Map<String, INDArray> fullGrad = full.backward(Map.of("customer", r));
        Map<String, INDArray> trimmedOut = trimmed.forward(x, edges, java.util.Set.of("customer"));
        Map<String, INDArray> trimmedGrad = trimmed.backward(Map.of("customer", r));

        assertEquals(java.util.Set.of("customer"), trimmedOut.keySet());
        assertEquals(0, fullOut.sub(trimmedOut.get("customer")).norm2Number().doubleValue(), 1e-12);
        for (String t : TYPES) {
            assertEquals(0, fullGrad.get(t).sub(trimmedGrad.get(t)).norm2Number().doubleValue(), 1e-12, t);
        }
        for (int i = 0; i < full.parameters().size(); i++) {
            INDArray a = full.parameters().get(i).grad();
            INDArray b = trimmed.parameters().get(i).grad();
            assertEquals(0, a.sub(b).norm2Number().doubleValue(), 1e-12, full.parameters().get(i).name());
        }
    }

    @Test
    void nodeTypeWithoutIncomingEdgesAndCustomerWithoutOrdersGetOnlyTheRootTransform() {
        SplittableRandom rng = new SplittableRandom(3);
        HeteroLayer.Config cfg = HeteroLayer.Config.of(4, 4).withActivation(Activation.IDENTITY)
                .withLayerNorm(false).withResidual(false);
        HeteroLayer layer = new HeteroLayer("l", TYPES, EDGE_TYPES, cfg, D, rng);
        Map<String, INDArray> x = features(rng, 4);
        Map<String, INDArray> out = layer.forward(x, tinyGraph());

        Linear customerRoot = new Linear("copy", 4, 4, true, D, new SplittableRandom(0));
        Linear productRoot = new Linear("copy", 4, 4, true, D, new SplittableRandom(0));
        customerRoot.weight().value().assign(param(layer, "l.customer.root.weight"));
        customerRoot.bias().value().assign(param(layer, "l.customer.root.bias"));
        productRoot.weight().value().assign(param(layer, "l.product.root.weight"));
        productRoot.bias().value().assign(param(layer, "l.product.root.bias"));

        assertEquals(0, out.get("product").sub(productRoot.forward(x.get("product"))).norm2Number().doubleValue(), 1e-12);
        INDArray lonelyCustomer = customerRoot.forward(x.get("customer")).getRow(3);
        assertEquals(0, out.get("customer").getRow(3).sub(lonelyCustomer).norm2Number().doubleValue(), 1e-12);

        // Customer 1 has exactly one order (order 2): root + W_placed_by · h_order2.
        INDArray expected = customerRoot.forward(x.get("customer")).getRow(1)
                .add(x.get("order").getRow(2).reshape(1, 4).mmul(param(layer, "l." + PLACED_BY.id() + ".message.weight")));
        assertEquals(0, out.get("customer").getRow(1).sub(expected.reshape(4)).norm2Number().doubleValue(), 1e-12);
    }

    @Test
    void edgeTypesMissingFromTheBatchCarryNoMessagesButUnknownOnesAreRejected() {
        HeteroLayer layer = new HeteroLayer("l", TYPES, EDGE_TYPES, HeteroLayer.Config.of(2, 2), D,
                new SplittableRandom(1));
        Map<String, INDArray> x = features(new SplittableRandom(2), 2);
        Map<String, INDArray> out = layer.forward(x, Map.of());
        Map<String, INDArray> g = layer.backward(out);
        assertEquals(List.of(4L, 2L), List.of(g.get("customer").size(0), g.get("customer").size(1)));
        assertThrows(IllegalArgumentException.class,
                () -> layer.forward(x, Map.of(new EdgeKey("product", "x", "customer"), new EdgeIndex(new int[0], new int[0]))));
    }

    @Test
    void residualOnlyWhenShapesAgree() {
        HeteroLayer.Config same = HeteroLayer.Config.of(3, 3).withActivation(Activation.IDENTITY)
                .withLayerNorm(false);
        HeteroLayer a = new HeteroLayer("a", TYPES, EDGE_TYPES, same, D, new SplittableRandom(1));
        HeteroLayer b = new HeteroLayer("a", TYPES, EDGE_TYPES, same.withResidual(false), D, new SplittableRandom(1));
        Map<String, INDArray> x = features(new SplittableRandom(2), 3);
        INDArray diff = a.forward(x, tinyGraph()).get("order").sub(b.forward(x, tinyGraph()).get("order"));
        assertEquals(0, diff.sub(x.get("order")).norm2Number().doubleValue(), 1e-12);
    }

    private static INDArray param(Module m, String name) {
        return m.parameters().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name)).value();
    }
}
