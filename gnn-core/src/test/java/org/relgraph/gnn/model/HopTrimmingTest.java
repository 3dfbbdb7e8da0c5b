package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.explain.RowDeletion;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.table.Database;

/** A batch's hop prefixes trim the forward without changing the seeds' outputs, also after rows are deleted. */
class HopTrimmingTest {
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
                .assemble(new int[] {7, 3, 11, 7}, new long[] {T, T, T, T - 50 * ShopData.DAY});
    }

    private static GraphBatch untrimmed(GraphBatch b) {
        return new GraphBatch(b.seedType(), b.seedCount(), b.nodes(), b.edges());
    }

    private static void assertSameOutputs(GraphBatch b) {
        assertNotNull(b.hopPrefixes());
        INDArray trimmed = model.forward(b).dup();
        INDArray full = model.forward(untrimmed(b));
        assertEquals(4, trimmed.size(0));
        for (int i = 0; i < 4; i++) {
            assertEquals(full.getDouble(i, 0), trimmed.getDouble(i, 0), 1e-5, "seed " + i);
        }
    }

    @Test
    void trimmingKeepsTheSeedsOutputs() {
        assertSameOutputs(batch);
    }

    @Test
    void rowDeletionKeepsTheHopPrefixesConsistent() {
        // Delete a few first-hop and second-hop rows of every type: their edges go, the prefixes shrink with them.
        Map<String, Set<Integer>> deleted = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, NodeInputs> e : batch.nodes().entrySet()) {
            int n = e.getValue().size();
            int seeds = e.getKey().equals("customers") ? 4 : 0;
            Set<Integer> rows = new java.util.HashSet<>();
            for (int r = seeds; r < n; r += 3) {
                rows.add(r);
            }
            deleted.put(e.getKey(), rows);
        }
        GraphBatch without = RowDeletion.without(batch, deleted);
        assertSameOutputs(without);
    }
}
