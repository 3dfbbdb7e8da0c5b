package org.relgraph.gnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.relgraph.gnn.nn.GradientCheck.project;
import static org.relgraph.gnn.nn.GradientCheck.randn;

import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Finite-difference checks of every single-tensor layer's backward, in double precision. */
class LayerGradientTest {
    private static final DataType D = DataType.DOUBLE;

    /** Checks dL/dx and every parameter gradient of a layer for L = Σ layer(x) ⊙ R. */
    private static double checkLayer(String what, Layer layer, INDArray x) {
        SplittableRandom rng = new SplittableRandom(7);
        INDArray r = randn(rng, layer.forward(x).shape());
        layer.zeroGrad();
        layer.forward(x);
        INDArray gx = layer.backward(r);
        GradientCheck check = new GradientCheck(() -> project(layer.forward(x), r), 11, 40);
        check.check(what + " input", x, gx);
        for (Parameter p : layer.parameters()) {
            check.check(what + " " + p.name(), p.value(), p.grad());
        }
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", what, check.worst());
        return check.worst();
    }

    @Test
    void linearWithBias() {
        SplittableRandom rng = new SplittableRandom(1);
        Linear lin = new Linear("lin", 5, 4, true, D, rng);
        lin.bias().value().assign(randn(rng, 1, 4));
        checkLayer("Linear(bias)", lin, randn(rng, 6, 5));
    }

    @Test
    void linearWithoutBias() {
        SplittableRandom rng = new SplittableRandom(2);
        Linear lin = new Linear("lin", 3, 7, false, WeightInit.HE_NORMAL, D, rng);
        assertEquals(1, lin.parameters().size());
        checkLayer("Linear(no bias)", lin, randn(rng, 4, 3));
    }

    @Test
    void layerNorm() {
        SplittableRandom rng = new SplittableRandom(3);
        LayerNorm ln = new LayerNorm("ln", 6, D);
        ln.parameters().get(0).value().assign(randn(rng, 1, 6));
        ln.parameters().get(1).value().assign(randn(rng, 1, 6));
        checkLayer("LayerNorm", ln, randn(rng, 5, 6).muli(3).addi(1));
    }

    @Test
    void layerNormThenRelu() {
        SplittableRandom rng = new SplittableRandom(13);
        LayerNorm ln = LayerNorm.thenRelu("ln", 6, D);
        ln.parameters().get(0).value().assign(randn(rng, 1, 6));
        ln.parameters().get(1).value().assign(randn(rng, 1, 6));
        checkLayer("LayerNorm+ReLU", ln, randn(rng, 5, 6).muli(3).addi(1));
    }

    @Test
    void relu() {
        checkLayer("Relu", new Relu(), randn(new SplittableRandom(4), 7, 5));
    }

    @Test
    void gelu() {
        checkLayer("Gelu", new Gelu(), randn(new SplittableRandom(5), 7, 5).muli(2));
    }

    @Test
    void dropoutWithAFixedMask() {
        SplittableRandom rng = new SplittableRandom(6);
        INDArray x = randn(rng, 8, 9);
        INDArray r = randn(rng, 8, 9);
        // Same seed, first call: the same mask every time the objective is evaluated.
        Supplier<Dropout> fresh = () -> new Dropout(0.4, 99);
        Dropout d = fresh.get();
        INDArray y = d.forward(x);
        INDArray gx = d.backward(r);
        GradientCheck check = new GradientCheck(() -> project(fresh.get().forward(x), r), 1, 200);
        check.check("Dropout input", x, gx);
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", "Dropout", check.worst());

        long zeros = y.eq(0).castTo(DataType.INT32).sumNumber().longValue();
        assertTrue(zeros > 10 && zeros < 50, "about 40% of 72 dropped, got " + zeros);
        INDArray kept = y.neq(0).castTo(D);
        assertEquals(0, y.sub(x.mul(kept).divi(0.6)).norm2Number().doubleValue(), 1e-12, "survivors scaled by 1/(1-p)");

        d.eval();
        assertEquals(x, d.forward(x), "identity in eval mode");
        assertEquals(r, d.backward(r));
    }

    @Test
    void embeddingRowsAccumulateForRepeatedCodes() {
        SplittableRandom rng = new SplittableRandom(8);
        Embedding emb = new Embedding("emb", 5, 3, D, rng);
        int[] codes = {4, 0, 4, 2, 4};
        INDArray r = randn(rng, 5, 3);
        emb.forward(codes);
        emb.backward(r);
        INDArray table = emb.table().value();
        GradientCheck check = new GradientCheck(() -> project(emb.forward(codes), r), 1, 100);
        check.check("Embedding table", table, emb.table().grad());
        System.out.printf("gradcheck %-28s worst rel err %.2e%n", "Embedding", check.worst());
        assertEquals(0, emb.table().grad().getRow(1).norm2Number().doubleValue(), 0, "unused code gets no gradient");
        assertEquals(table.getRow(4), emb.forward(codes).getRow(2));
    }
}
