package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.table.Database;

class HeteroGnnInputGradientsTest {
    private static final long T = ShopData.START + 200 * ShopData.DAY;
    private static final GnnConfig CONFIG = GnnConfig.defaults().withHidden(8).withFanouts(6, 3).withDropout(0);

    private static HeteroGnn model;
    private static GraphBatch batch;

    @BeforeAll
    static void build() {
        Database db = ShopData.database(30, 3);
        HeteroGraph graph = HeteroGraph.build(db);
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, T, EncodingConfig.defaults());
        model = new HeteroGnn(CONFIG, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, "customers", 1);
        model.eval();
        batch = BatchAssembler.create(graph, db, encoding, "customers", CONFIG.samplerConfig())
                .assemble(new int[] {7}, new long[] {T});
    }

    /** Each node type's inputs in embedded form: its features and the sum of its columns' embeddings. */
    private static Map<String, EmbeddedInputs> embedded(Map<String, INDArray> featureOverrides) {
        Map<String, EmbeddedInputs> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInputs> entry : batch.nodes().entrySet()) {
            InputEncoder encoder = model.inputEncoder(entry.getKey());
            NodeInputs in = entry.getValue();
            INDArray sum = Nd4j.zeros(in.features().dataType(), in.size(), encoder.hidden());
            for (int j = 0; j < encoder.categoricalCount(); j++) {
                sum.addi(encoder.embed(j, in.categoryCodes()[j]));
            }
            out.put(entry.getKey(), new EmbeddedInputs(
                    featureOverrides.getOrDefault(entry.getKey(), in.features()), sum));
        }
        return out;
    }

    private static double output(Map<String, EmbeddedInputs> inputs) {
        return model.forward(1, inputs, batch.edges()).getDouble(0, 0);
    }

    @Test
    void theEmbeddedFormPredictsWhatTheCodesDo() {
        double fromCodes = model.forward(batch).getDouble(0, 0);
        assertEquals(fromCodes, output(embedded(Map.of())), 1e-5);
    }

    @Test
    void featureGradientsMatchFiniteDifferences() {
        output(embedded(Map.of()));
        Map<String, EmbeddedInputs> grads = model.inputGradients(Nd4j.ones(1, 1));
        model.zeroGrad();
        int checked = 0;
        for (String type : batch.nodes().keySet()) {
            INDArray x = batch.nodes().get(type).features();
            INDArray g = grads.get(type).features();
            assertEquals(x.size(0), g.size(0));
            assertEquals(x.size(1), g.size(1));
            for (int row = 0; row < Math.min(3, x.size(0)); row++) {
                for (int col = 0; col < x.size(1); col += 3) {
                    double h = 1e-2;
                    INDArray plus = x.dup();
                    plus.putScalar(row, col, x.getDouble(row, col) + h);
                    INDArray minus = x.dup();
                    minus.putScalar(row, col, x.getDouble(row, col) - h);
                    double numeric = (output(embedded(Map.of(type, plus))) - output(embedded(Map.of(type, minus))))
                            / (2 * h);
                    assertEquals(numeric, g.getDouble(row, col), 2e-3 + 0.02 * Math.abs(numeric),
                            type + "[" + row + ", " + col + "]");
                    checked += g.getDouble(row, col) != 0 ? 1 : 0;
                }
            }
        }
        assertTrue(checked > 5, "only " + checked + " non-zero gradients checked");
    }

    @Test
    void embeddingGradientIsTheDirectionalDerivativeAlongAnyEmbeddingChange() {
        Map<String, EmbeddedInputs> base = embedded(Map.of());
        output(base);
        INDArray g = model.inputGradients(Nd4j.ones(1, 1)).get("transactions").categoryEmbedding();
        model.zeroGrad();
        INDArray emb = base.get("transactions").categoryEmbedding();
        java.util.SplittableRandom rng = new java.util.SplittableRandom(5);
        double[] values = new double[(int) emb.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble() - 0.5;
        }
        INDArray direction = Nd4j.create(values, emb.shape(), 'c').castTo(emb.dataType());
        double h = 1e-2;
        Map<String, EmbeddedInputs> plus = new LinkedHashMap<>(base);
        plus.put("transactions", new EmbeddedInputs(base.get("transactions").features(), emb.add(direction.mul(h))));
        Map<String, EmbeddedInputs> minus = new LinkedHashMap<>(base);
        minus.put("transactions", new EmbeddedInputs(base.get("transactions").features(), emb.sub(direction.mul(h))));
        double numeric = (output(plus) - output(minus)) / (2 * h);
        double analytic = g.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)
                .mul(direction.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).sumNumber().doubleValue();
        assertTrue(Math.abs(analytic) > 1e-3, "a direction the output depends on: " + analytic);
        assertEquals(numeric, analytic, 2e-3 + 0.02 * Math.abs(numeric));
    }

    @Test
    void parameterBackwardAfterAnEmbeddedForwardIsRefused() {
        output(embedded(Map.of()));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> model.backward(Nd4j.ones(1, 1)));
        assertTrue(e.getMessage().contains("backwardToInputs"), e.getMessage());
        model.zeroGrad();
    }
}
