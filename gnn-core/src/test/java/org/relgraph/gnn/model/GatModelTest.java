package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.encode.RelativeTimeEncoding;
import org.relgraph.gnn.nn.ConvKind;
import org.relgraph.gnn.nn.Parameter;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.table.Database;

/** A {@link HeteroGnn} built with {@link ConvKind#GAT}: relative times reach the scores, trimming and gradients hold. */
class GatModelTest {
    private static final long T = ShopData.START + 200 * ShopData.DAY;
    private static final GnnConfig CONFIG = GnnConfig.defaults().withHidden(8).withFanouts(6, 3).withDropout(0)
            .withConv(ConvKind.GAT);

    private static HeteroGnn model;
    private static GraphBatch batch;

    @BeforeAll
    static void build() {
        Database db = ShopData.database(30, 3);
        HeteroGraph graph = HeteroGraph.build(db);
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, T, EncodingConfig.defaults());
        model = new HeteroGnn(CONFIG, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, "customers", 1);
        model.eval();
        // Untrained a_t is 0; give the time a say so that its gradient through the attention is not trivially 0.
        for (Parameter p : model.parameters()) {
            if (p.name().endsWith(".att_time")) {
                p.value().assign(0.7);
            }
        }
        batch = BatchAssembler.create(graph, db, encoding, "customers", CONFIG.samplerConfig())
                .assemble(new int[] {7, 3, 11, 7}, new long[] {T, T, T, T - 50 * ShopData.DAY});
    }

    private static Map<String, EmbeddedInputs> embedded(String type, INDArray features) {
        Map<String, EmbeddedInputs> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInputs> entry : batch.nodes().entrySet()) {
            InputEncoder encoder = model.inputEncoder(entry.getKey());
            NodeInputs in = entry.getValue();
            INDArray sum = Nd4j.zeros(in.features().dataType(), in.size(), encoder.hidden());
            for (int j = 0; j < encoder.categoricalCount(); j++) {
                sum.addi(encoder.embed(j, in.categoryCodes()[j]));
            }
            out.put(entry.getKey(), new EmbeddedInputs(entry.getKey().equals(type) ? features : in.features(), sum));
        }
        return out;
    }

    private static double output(Map<String, EmbeddedInputs> inputs) {
        return model.forward(batch.seedCount(), inputs, batch.edges()).getDouble(0, 0);
    }

    @Test
    void theModelHasAttentionWeightsPerLayerAndEdgeType() {
        long attention = model.parameters().stream().filter(p -> p.name().endsWith(".gat.att_src")).count();
        assertEquals(2L * BatchAssembler.edgeKeys(HeteroGraph.build(ShopData.database(30, 3))).size(), attention);
        assertTrue(model.parameters().stream().noneMatch(p -> p.name().endsWith(".message.weight")), "no SAGE weights");
    }

    @Test
    void hopTrimmingKeepsTheSeedsOutputs() {
        INDArray trimmed = model.forward(batch).dup();
        INDArray full = model.forward(new GraphBatch(batch.seedType(), batch.seedCount(), batch.nodes(), batch.edges()));
        for (int i = 0; i < batch.seedCount(); i++) {
            assertEquals(full.getDouble(i, 0), trimmed.getDouble(i, 0), 1e-5, "seed " + i);
        }
        assertEquals(full.getDouble(0, 0), output(embedded("none", null)), 1e-5, "the embedded form predicts the same");
    }

    /** The age column feeds the encoder and the attention score; its gradient must carry both. */
    @Test
    void relativeTimeGradientsMatchFiniteDifferences() {
        String type = "transactions";
        INDArray x = batch.nodes().get(type).features();
        int col = (int) x.size(1) - RelativeTimeEncoding.WIDTH;
        output(embedded("none", null));
        INDArray g = model.inputGradients(Nd4j.ones(batch.seedCount(), 1).muli(0).putScalar(0, 0, 1)).get(type)
                .features();
        model.zeroGrad();
        int nonZero = 0;
        for (int row = 0; row < Math.min(8, x.size(0)); row++) {
            double h = 1e-2;
            INDArray plus = x.dup();
            plus.putScalar(row, col, x.getDouble(row, col) + h);
            INDArray minus = x.dup();
            minus.putScalar(row, col, x.getDouble(row, col) - h);
            double numeric = (output(embedded(type, plus)) - output(embedded(type, minus))) / (2 * h);
            assertEquals(numeric, g.getDouble(row, col), 2e-3 + 0.02 * Math.abs(numeric), type + " row " + row);
            nonZero += Math.abs(numeric) > 1e-4 ? 1 : 0;
        }
        assertTrue(nonZero > 2, "only " + nonZero + " rows with a time gradient");
    }
}
