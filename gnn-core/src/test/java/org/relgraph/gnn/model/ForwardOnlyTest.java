package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.nn.LayerNorm;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.table.Database;

/** Forward-only mode (scoring) computes the same outputs and keeps nothing a backward could use. */
class ForwardOnlyTest {
    private static final long T = ShopData.START + 200 * ShopData.DAY;

    @Test
    void aLayerNormScoresAlikeAndRefusesABackward() {
        LayerNorm ln = LayerNorm.thenRelu("ln", 6, DataType.FLOAT);
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 6).subi(0.5);
        float[][] kept = ln.forward(x).toFloatMatrix();
        ln.forwardOnly(true);
        assertArrayEquals(kept, ln.forward(x).toFloatMatrix());
        assertThrows(IllegalStateException.class, () -> ln.backward(Nd4j.ones(DataType.FLOAT, 5, 6)));
        ln.forwardOnly(false);
        ln.forward(x);
        ln.backward(Nd4j.ones(DataType.FLOAT, 5, 6)); // a training forward keeps what backward needs again
    }

    @Test
    void theModeReachesEveryLayerOfAModel() {
        GnnConfig config = GnnConfig.defaults().withHidden(8).withFanouts(6, 3).withDropout(0);
        Database db = ShopData.database(30, 3);
        HeteroGraph graph = HeteroGraph.build(db);
        DatabaseEncoding encoding = DatabaseEncoding.fit(db, T, EncodingConfig.defaults());
        HeteroGnn model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                "customers", 1);
        model.eval();
        GraphBatch batch = BatchAssembler.create(graph, db, encoding, "customers", config.samplerConfig())
                .assemble(new int[] {3, 7, 11}, new long[] {T, T, T});
        float[] kept = model.forward(batch).toFloatVector();
        model.forwardOnly(true);
        assertArrayEquals(kept, model.forward(batch).toFloatVector());
        INDArray grad = Nd4j.ones(DataType.FLOAT, 3, 1);
        assertThrows(IllegalStateException.class, () -> model.backward(grad));
    }
}
