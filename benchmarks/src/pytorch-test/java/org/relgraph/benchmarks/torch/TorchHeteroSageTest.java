package org.relgraph.benchmarks.torch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.model.GraphBatch;
import org.relgraph.gnn.model.HeteroGnn;
import org.relgraph.gnn.model.PredictionHead;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.TaskType;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * The PyTorch yardstick must be the same model as ours, or the speed comparison means nothing: from the same weights,
 * on a sampled bank batch at the speed shape (fanouts [20, 10], hop-trimmed), the logits and every
 * parameter's gradient agree to float rounding. Runs only with {@code -P pytorch-reference}.
 */
class TorchHeteroSageTest {
    @TempDir
    Path tmp;

    @Test
    void sameOutputsAndGradientsAsTheNd4jModel() throws Exception {
        Path data = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(500, 11)).generate(data, (done, total) -> { });
        Database db = DataSources.open(data.toString()).load().database();
        HeteroGraph graph = HeteroGraph.build(db);
        String customers = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("customers")).findFirst()
                .orElseThrow();
        long asOf = Arrays.stream(graph.nodeTimes(customers)).max().orElseThrow() + 1;
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, asOf, EncodingConfig.defaults());
        GnnConfig config = GnnConfig.defaults().withHidden(32).withFanouts(new int[] {20, 10});
        HeteroGnn ours = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                customers, 1);
        int seeds = 64;
        int[] rows = new int[seeds];
        long[] times = new long[seeds];
        double[] labels = new double[seeds];
        for (int i = 0; i < seeds; i++) {
            rows[i] = (i * 37) % db.table(customers).rowCount();
            times[i] = asOf;
            labels[i] = i % 5 == 0 ? 1 : 0;
        }
        GraphBatch batch = BatchAssembler.create(graph, db, encoding, customers, config.samplerConfig())
                .assemble(rows, times);
        assertTrue(batch.hopPrefixes() != null, "the batch should carry hop prefixes, so trimming is compared too");
        PredictionHead head = PredictionHead.fit(TaskType.BINARY, labels);

        try (NDManager root = NDManager.newBaseManager();
             TorchHeteroSage torch = new TorchHeteroSage(ours, config, graph.nodeTypes(),
                     BatchAssembler.edgeKeys(graph), root)) {
            ReferenceAgreement agreement = ReferenceAgreement.measure(ours, torch, head, batch, labels, root);
            assertTrue(agreement.logitSpan() > 0.1, "logits should differ between customers: " + agreement);
            assertTrue(agreement.maxLogitDifference() < 1e-4, agreement.toString());
            assertTrue(agreement.worstGradientRatio() < 1e-3, agreement.toString());
            assertTrue(agreement.parameters() > 20, agreement.toString());
        }
    }
}
