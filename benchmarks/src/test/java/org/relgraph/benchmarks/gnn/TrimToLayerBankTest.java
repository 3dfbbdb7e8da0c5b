package org.relgraph.benchmarks.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.NodeInputs;
import org.relgraph.gnn.nn.Parameter;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * Hop trimming (PyG's trim_to_layer) and encoding each distinct input once, on a real sampled batch of the synthetic bank, at the issue's speed shape
 * (2 layers, fanouts [20, 10]; hidden 32 to keep it quick): the seeds' outputs and every parameter's gradient must
 * equal those of the same batch without its hop prefixes and unique indices, where every layer computes every node
 * and every node is encoded on its own.
 */
class TrimToLayerBankTest {
    @TempDir
    static Path tmp;
    private static HeteroGraph graph;
    private static Database db;
    private static DatabaseEncoding encoding;
    private static String customers;
    private static GraphBatch trimmed;
    private static long asOf;

    @BeforeAll
    static void sampleABankBatch() throws Exception {
        Path data = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(600, 7)).generate(data, (done, total) -> { });
        db = DataSources.open(data.toString()).load().database();
        graph = HeteroGraph.build(db);
        customers = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("customers")).findFirst()
                .orElseThrow();
        long[] times = graph.nodeTimes(customers);
        asOf = java.util.Arrays.stream(times).max().orElseThrow() + 1;
        encoding = DatabaseEncoding.fit(db, asOf, EncodingConfig.defaults());
    }

    private static GraphBatch batch(GnnConfig config, int seeds) {
        int[] rows = new int[seeds];
        long[] times = new long[seeds];
        for (int i = 0; i < seeds; i++) {
            rows[i] = (i * 37) % db.table(customers).rowCount();
            times[i] = asOf;
        }
        return BatchAssembler.create(graph, db, encoding, customers, config.samplerConfig()).assemble(rows, times);
    }

    private static HeteroGnn model(GnnConfig config) {
        return new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding, customers, 2);
    }

    /** The batch as it was before the speed-ups: no hop prefixes, and every node encoded on its own. */
    private static GraphBatch plain(GraphBatch b) {
        java.util.Map<String, NodeInputs> nodes = new java.util.LinkedHashMap<>();
        b.nodes().forEach((type, in) -> nodes.put(type, in.withoutUniqueIndex()));
        return new GraphBatch(b.seedType(), b.seedCount(), nodes, b.edges());
    }

    private static List<INDArray> gradients(HeteroGnn model, GraphBatch b, INDArray[] out) {
        model.zeroGrad();
        INDArray y = model.forward(b);
        out[0] = y.dup();
        // A fixed, non-uniform upstream gradient so every output column matters.
        INDArray g = y.ulike();
        for (int i = 0; i < g.size(0); i++) {
            for (int j = 0; j < g.size(1); j++) {
                g.putScalar(i, j, Math.sin(1 + 3 * i + j));
            }
        }
        model.backward(g);
        List<INDArray> grads = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            grads.add(p.grad().dup());
        }
        return grads;
    }

    private static void assertTrimmedEqualsUntrimmed(GnnConfig config, int seeds, boolean training) {
        GraphBatch b = batch(config, seeds);
        assertNotNull(b.hopPrefixes(), "the assembler records where each hop ends");
        HeteroGnn model = model(config);
        model.train(training);
        INDArray[] yTrim = new INDArray[1];
        INDArray[] yFull = new INDArray[1];
        List<INDArray> gTrim = gradients(model, b, yTrim);
        List<INDArray> gFull = gradients(model, plain(b), yFull);
        assertEquals(seeds, yTrim[0].size(0));
        double scale = yFull[0].norm2Number().doubleValue() / Math.sqrt(yFull[0].length());
        assertTrue(yTrim[0].sub(yFull[0]).amaxNumber().doubleValue() <= 1e-5 * Math.max(1, scale),
                "seed outputs differ: " + yTrim[0].sub(yFull[0]).amaxNumber());
        List<Parameter> params = model.parameters();
        int nonZero = 0;
        for (int k = 0; k < params.size(); k++) {
            double norm = gFull.get(k).norm2Number().doubleValue();
            double diff = gTrim.get(k).sub(gFull.get(k)).norm2Number().doubleValue();
            assertTrue(diff <= 1e-5 * Math.max(1e-3, norm), params.get(k).name() + ": |trimmed - untrimmed| = "
                    + diff + ", |untrimmed| = " + norm);
            nonZero += norm > 0 ? 1 : 0;
        }
        assertTrue(nonZero > params.size() / 2, "only " + nonZero + " of " + params.size() + " gradients non-zero");
    }

    @Test
    void twoLayersAtTheIssueFanoutsGiveTheSameOutputsAndGradients() {
        assertTrimmedEqualsUntrimmed(GnnConfig.defaults().withHidden(32).withFanouts(20, 10).withDropout(0), 64,
                true);
    }

    @Test
    void evalModeWithDropoutConfiguredIsTheSameToo() {
        assertTrimmedEqualsUntrimmed(GnnConfig.defaults().withHidden(32).withFanouts(20, 10), 64, false);
    }

    @Test
    void threeLayersTrimTwiceAndStillAgree() {
        assertTrimmedEqualsUntrimmed(GnnConfig.defaults().withHidden(16).withFanouts(6, 4, 3).withLayers(3)
                .withDropout(0), 32, true);
    }

    @Test
    void aSeedsOutputDoesNotDependOnItsBatch() {
        // Seeds' subgraphs are disjoint and sampled independently, and trimming and de-duplication work per seed
        // prefix and per identical input: neither may make a seed's score depend on the rest of its batch.
        GnnConfig config = GnnConfig.defaults().withHidden(32).withFanouts(20, 10);
        HeteroGnn model = model(config);
        model.eval();
        INDArray whole = model.forward(batch(config, 64)).dup();
        BatchAssembler assembler = BatchAssembler.create(graph, db, encoding, customers, config.samplerConfig());
        for (int start = 0; start < 64; start += 16) {
            int[] rows = new int[16];
            long[] times = new long[16];
            for (int i = 0; i < 16; i++) {
                rows[i] = ((start + i) * 37) % db.table(customers).rowCount();
                times[i] = asOf;
            }
            INDArray part = model.forward(assembler.assemble(rows, times));
            for (int i = 0; i < 16; i++) {
                for (int j = 0; j < part.size(1); j++) {
                    assertEquals(whole.getDouble(start + i, j), part.getDouble(i, j), 1e-5, "seed " + (start + i));
                }
            }
        }
    }

    @Test
    void theTrimmedForwardComputesFarFewerRows() {
        GraphBatch b = batch(GnnConfig.defaults().withFanouts(20, 10), 64);
        int all = b.nodes().get(customers).size();
        assertEquals(64, b.hopPrefixes().nodesWithin(customers, 0, all), "hop 0 is exactly the seeds");
        int hop2 = 0;
        for (String t : b.nodes().keySet()) {
            int n = b.nodes().get(t).size();
            hop2 += n - b.hopPrefixes().nodesWithin(t, 1, n);
        }
        assertTrue(hop2 > 0, "some nodes are 2 hops out, which the first layer no longer computes");
        NodeInputs seedType = b.nodes().get(customers);
        assertTrue(seedType.uniqueCount() < all / 2, "the customers reached back from their own transactions are "
                + "copies of the seeds: " + seedType.uniqueCount() + " distinct of " + all);
    }
}
