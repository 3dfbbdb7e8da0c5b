package org.relgraph.gnn.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.table.Database;

/** The one-array feature matrix equals the three groups encoded separately and joined, as batches were built before. */
class NodeFeaturesTest {
    private static final long DAY = ChildActivityFeaturesTest.DAY;
    private static final long SEED = ChildActivityFeaturesTest.SEED;

    @Test
    void numericSummariesAndTimeSideBySideAsIfEncodedApartAndJoined() {
        Database db = ChildActivityFeaturesTest.db();
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED + 10 * DAY, ChildActivityFeaturesTest.config());
        RowEncoder customers = enc.table("customers").bind(db.table("customers"));
        ChildActivityFeatures summaries = enc.bindChildActivity("customers", HeteroGraph.build(db), db);
        int[] rows = {1, 0, 0};
        long[] seeds = {SEED, SEED, SEED - 30 * DAY};
        long[] relative = {0, 3 * DAY, 400 * DAY};

        INDArray numeric = customers.encode(rows, seeds).numeric();
        float[][] summaryRows = new float[rows.length][summaries.width()];
        for (int i = 0; i < rows.length; i++) {
            summaries.write(rows[i], seeds[i], summaryRows[i], 0);
        }
        INDArray joined = Nd4j.hstack(numeric, Nd4j.create(summaryRows), RelativeTimeEncoding.encode(relative));
        assertArrayEquals(joined.toFloatMatrix(),
                NodeFeatures.matrix(customers, summaries, rows, seeds, relative).toFloatMatrix());

        INDArray withoutSummaries = Nd4j.hstack(numeric, RelativeTimeEncoding.encodeStatic(rows.length));
        assertArrayEquals(withoutSummaries.toFloatMatrix(),
                NodeFeatures.matrix(customers, null, rows, seeds, null).toFloatMatrix());
    }

    @Test
    void aNodeFromAfterItsSeedIsStillRefused() {
        Database db = ChildActivityFeaturesTest.db();
        DatabaseEncoding enc = DatabaseEncoding.fit(db, SEED, ChildActivityFeaturesTest.config());
        RowEncoder customers = enc.table("customers").bind(db.table("customers"));
        assertThrows(IllegalArgumentException.class, () -> NodeFeatures.matrix(customers, null, new int[] {0},
                new long[] {SEED}, new long[] {-1}));
    }
}
