package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.relgraph.gnn.nn.loss.BinaryCrossEntropyWithLogits;
import org.relgraph.gnn.nn.loss.LossValue;
import org.relgraph.gnn.optim.Adam;

/**
 * A 2-hop toy task: a customer's label is whether the products of its orders have, on average, a
 * positive first feature. Customer and order features are pure noise, so the label is only
 * reachable through two rounds of message passing (product → order → customer).
 */
class HeteroSageTrainingTest {
    private static final int CUSTOMERS = 600;
    private static final int TRAIN = 450;
    private static final int PRODUCTS = 100;
    private static final int DIM = 4;
    private static final int HIDDEN = 16;
    private static final int STEPS = 80;

    private record Toy(Map<String, INDArray> x, Map<EdgeKey, EdgeIndex> edges, INDArray labels) {}

    private record Run(double[] losses, double testAccuracy) {}

    private static Toy toy(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        INDArray products = GradientCheck.randn(rng, PRODUCTS, DIM).castTo(DataType.FLOAT);
        int[] orderCustomer = new int[CUSTOMERS * 8];
        int[] orderProduct = new int[orderCustomer.length];
        int orders = 0;
        double[] labels = new double[CUSTOMERS];
        for (int c = 0; c < CUSTOMERS; c++) {
            int n = 2 + rng.nextInt(5);
            double sum = 0;
            for (int i = 0; i < n; i++, orders++) {
                orderCustomer[orders] = c;
                orderProduct[orders] = rng.nextInt(PRODUCTS);
                sum += products.getDouble(orderProduct[orders], 0);
            }
            labels[c] = sum > 0 ? 1 : 0;
        }
        int[] orderIds = new int[orders];
        for (int i = 0; i < orders; i++) {
            orderIds[i] = i;
        }
        int[] oc = java.util.Arrays.copyOf(orderCustomer, orders);
        int[] op = java.util.Arrays.copyOf(orderProduct, orders);
        Map<String, INDArray> x = new LinkedHashMap<>();
        x.put("customer", GradientCheck.randn(rng, CUSTOMERS, DIM).castTo(DataType.FLOAT));
        x.put("order", GradientCheck.randn(rng, orders, DIM).castTo(DataType.FLOAT));
        x.put("product", products);
        Map<EdgeKey, EdgeIndex> edges = new LinkedHashMap<>();
        edges.put(new EdgeKey("order", "placed_by", "customer"), new EdgeIndex(orderIds, oc));
        edges.put(new EdgeKey("customer", "places", "order"), new EdgeIndex(oc, orderIds));
        edges.put(new EdgeKey("product", "contained_in", "order"), new EdgeIndex(op, orderIds));
        edges.put(new EdgeKey("order", "contains", "product"), new EdgeIndex(orderIds, op));
        return new Toy(x, edges, Nd4j.createFromArray(labels).castTo(DataType.FLOAT).reshape(CUSTOMERS, 1));
    }

    private static Run train(long seed) {
        Toy toy = toy(1);
        SplittableRandom rng = new SplittableRandom(seed);
        HeteroStack gnn = new HeteroStack("gnn", List.of("customer", "order", "product"),
                List.copyOf(toy.edges().keySet()), List.of(
                        HeteroLayer.Config.of(DIM, HIDDEN).withDropout(0.1),
                        HeteroLayer.Config.of(HIDDEN, HIDDEN).withDropout(0.1)),
                DataType.FLOAT, rng);
        Linear head = new Linear("head", HIDDEN, 1, true, DataType.FLOAT, rng);
        List<Parameter> params = new java.util.ArrayList<>(gnn.parameters());
        params.addAll(head.parameters());
        Adam adam = new Adam(params, Adam.Config.of(0.01).withMaxGradNorm(5.0));
        BinaryCrossEntropyWithLogits bce = new BinaryCrossEntropyWithLogits();
        INDArray trainLabels = toy.labels().get(NDArrayIndex.interval(0, TRAIN), NDArrayIndex.all());

        double[] losses = new double[STEPS];
        for (int step = 0; step < STEPS; step++) {
            adam.zeroGrad();
            Map<String, INDArray> h = gnn.forward(toy.x(), toy.edges());
            INDArray logits = head.forward(h.get("customer"));
            LossValue loss = bce.compute(logits.get(NDArrayIndex.interval(0, TRAIN), NDArrayIndex.all()), trainLabels);
            losses[step] = loss.value();
            INDArray gradLogits = Nd4j.zeros(DataType.FLOAT, CUSTOMERS, 1); // held-out customers contribute nothing
            gradLogits.get(NDArrayIndex.interval(0, TRAIN), NDArrayIndex.all()).assign(loss.gradient());
            gnn.backward(Map.of("customer", head.backward(gradLogits)));
            adam.step();
        }

        gnn.eval();
        INDArray logits = head.forward(gnn.forward(toy.x(), toy.edges()).get("customer"));
        int correct = 0;
        for (int c = TRAIN; c < CUSTOMERS; c++) {
            boolean predicted = logits.getDouble(c, 0) > 0;
            correct += predicted == (toy.labels().getDouble(c, 0) == 1) ? 1 : 0;
        }
        return new Run(losses, correct / (double) (CUSTOMERS - TRAIN));
    }

    @Test
    void learnsALabelThatLivesTwoHopsAwayAndIsDeterministic() {
        Run first = train(7);
        double initial = first.losses()[0];
        double last = first.losses()[STEPS - 1];
        System.out.printf("toy training: loss %.4f -> %.4f, held-out accuracy %.3f%n", initial, last, first.testAccuracy());
        assertTrue(last < 0.4 * initial, "loss should fall markedly: " + initial + " -> " + last);
        assertTrue(first.testAccuracy() >= 0.85, "held-out accuracy " + first.testAccuracy());

        Run second = train(7);
        assertArrayEquals(first.losses(), second.losses(), 0.0, "same seed, same losses, bit for bit");
    }
}
