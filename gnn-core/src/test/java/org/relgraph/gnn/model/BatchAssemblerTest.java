package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.encode.RelativeTimeEncoding;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.table.Database;

class BatchAssemblerTest {
    private static final long T = ShopData.START + 200 * ShopData.DAY;
    private static Database db;
    private static HeteroGraph graph;
    private static DatabaseEncoding encoding;

    @BeforeAll
    static void data() {
        db = ShopData.database(30, 3);
        graph = HeteroGraph.build(db);
        encoding = DatabaseEncoding.fit(db, T, EncodingConfig.defaults());
    }

    private static BatchAssembler assembler(long samplerSeed) {
        return BatchAssembler.create(graph, db, encoding, "CUSTOMERS",
                GnnConfig.defaults().withFanouts(5, 3).withSampling(SamplerConfig.Strategy.UNIFORM)
                        .withSeed(samplerSeed).samplerConfig());
    }

    @Test
    void seedsComeFirstAndEveryNodeIsEncodedAsOfItsOwnSeed() {
        int[] rows = {4, 9, 4};
        long[] times = {T, T + 40 * ShopData.DAY, T + 80 * ShopData.DAY};
        GraphBatch batch = assembler(1).assemble(rows, times);
        assertEquals("customers", batch.seedType());
        assertEquals(3, batch.seedCount());
        NodeInputs customers = batch.nodes().get("customers");
        int numeric = encoding.table("customers").layout().numericWidth();
        int summaries = encoding.childActivityWidth("customers");
        assertTrue(summaries > 0, "customers summarise their transactions");
        int width = numeric + summaries + RelativeTimeEncoding.WIDTH;
        assertEquals(width, customers.features().size(1));
        // Between the row's columns and its relative time: its transactions as of each seed's own time.
        org.relgraph.gnn.encode.ChildActivityFeatures bound = encoding.bindChildActivity("customers", graph, db);
        for (int s = 0; s < rows.length; s++) {
            float[] expected = new float[summaries];
            bound.write(rows[s], times[s], expected, 0);
            float[] actual = customers.features().getRow(s).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(
                    numeric, numeric + summaries)).toFloatVector();
            org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual, 1e-6f, "seed " + s);
        }
        assertTrue(customers.features().getDouble(2, numeric) > customers.features().getDouble(0, numeric),
                "customer 4 has more transactions 80 days later");
        long created = graph.nodeTimes("customers")[4];
        // Column 0 of the relative-time block is log1p(age in days) relative to the seed's time.
        int ageColumn = width - RelativeTimeEncoding.WIDTH;
        assertEquals(Math.log1p((T - created) / 86_400_000.0), customers.features().getDouble(0, ageColumn), 1e-5);
        assertEquals(Math.log1p((times[2] - created) / 86_400_000.0), customers.features().getDouble(2, ageColumn),
                1e-5);
        // The same customer at a later time has seen more transactions.
        EdgeIndex txToCustomer = batch.edges().get(new EdgeKey("transactions", "customer_id", "customers"));
        long early = java.util.Arrays.stream(txToCustomer.dst()).filter(d -> d == 0).count();
        long late = java.util.Arrays.stream(txToCustomer.dst()).filter(d -> d == 2).count();
        assertTrue(early > 0 && late >= early, early + " vs " + late);
        NodeInputs tx = batch.nodes().get("transactions");
        assertEquals(1, tx.categoryCodes().length, "transactions.category is the only categorical column");
        assertEquals(tx.size(), tx.categoryCodes()[0].length);
    }

    @Test
    void nodesWithTheSameInputsGetTheRowsOfTheirFirstOccurrence() {
        int[] rows = {4, 9, 4, 12};
        long[] times = {T, T + 40 * ShopData.DAY, T, T + 80 * ShopData.DAY};
        GraphBatch batch = assembler(1).assemble(rows, times);
        NodeInputs customers = batch.nodes().get("customers");
        int[] unique = customers.uniqueIndex();
        // seeds 0 and 2 are the same customer at the same time; every customer reached back is a copy of a seed
        assertEquals(unique[0], unique[2]);
        assertTrue(customers.uniqueCount() < customers.size(), "the seeds recur behind their transactions");
        for (NodeInputs inputs : batch.nodes().values()) {
            int[] first = inputs.firstRows();
            for (int i = 0; i < inputs.size(); i++) {
                int f = first[inputs.uniqueIndex()[i]];
                assertArrayEquals(inputs.features().getRow(f).toFloatVector(), inputs.features().getRow(i)
                        .toFloatVector(), "row " + i);
                for (int[] codes : inputs.categoryCodes()) {
                    assertEquals(codes[f], codes[i], "codes of row " + i);
                }
            }
        }
        // and a copy is the seed's own encoding, which the test above checks column by column
        INDArray seed = customers.features().getRow(0);
        for (int i = rows.length; i < customers.size(); i++) {
            if (unique[i] == unique[0]) {
                assertArrayEquals(seed.toFloatVector(), customers.features().getRow(i).toFloatVector());
            }
        }
    }

    @Test
    void sameSeedsGiveTheSameBatchAndAnotherSamplerSeedAnotherNeighbourhood() {
        int[] rows = {0, 1, 2, 3, 5, 8};
        long[] times = new long[rows.length];
        java.util.Arrays.fill(times, T);
        GraphBatch a = assembler(1).assemble(rows, times);
        GraphBatch b = assembler(1).assemble(rows, times);
        GraphBatch c = assembler(1).withSamplerSeed(2).assemble(rows, times);
        assertEquals(a.nodes().keySet(), b.nodes().keySet());
        for (String type : a.nodes().keySet()) {
            INDArray fa = a.nodes().get(type).features();
            assertEquals(fa, b.nodes().get(type).features());
            assertArrayEquals(a.nodes().get(type).categoryCodes(), b.nodes().get(type).categoryCodes());
        }
        EdgeKey txToCustomer = new EdgeKey("transactions", "customer_id", "customers");
        assertArrayEquals(a.edges().get(txToCustomer).src(), b.edges().get(txToCustomer).src());
        assertFalse(a.nodes().get("transactions").features().equals(c.nodes().get("transactions").features()),
                "a different sampler seed should pick other transactions");
    }
}
