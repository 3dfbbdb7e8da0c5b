package org.relgraph.models.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.fixtures.OfferHistory;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

class SeedActionHistoryTest {
    /** Not on any offer's timestamp, so "before the seed time" has one meaning. */
    private static final long AS_OF = OfferHistory.START + 200 * OfferHistory.DAY + 12_345;

    @Test
    void countsEachSeedsOwnPastRowsPerActionAndOutcomeAndNothingLater() {
        Database db = OfferHistory.database(40, 5);
        TrainingSplits splits = OfferHistory.splits(db);
        PredictiveQuery q = PredictiveQuery.parse(OfferHistory.QUERY, db.schema());
        ActionSpace space = ActionSpace.forArgMax(q, db, splits.train());
        HeteroGraph graph = HeteroGraph.build(db);
        String customers = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("customers")).findFirst()
                .orElseThrow();
        String offers = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("offers")).findFirst()
                .orElseThrow();
        Table target = db.table("offers");
        SeedActionHistory history = new SeedActionHistory(q, space, target, offers, customers, db,
                BatchAssembler.edgeKeys(graph));
        int components = space.columns().size();
        assertEquals(2 * (1 + components), history.width(), "this fixture has no other table naming a component");
        // A fanout above any customer's history: every past row is sampled, so the counts are exact.
        BatchAssembler assembler = BatchAssembler.create(graph, db, DatabaseEncoding.fit(db, AS_OF,
                EncodingConfig.defaults()), customers, new SamplerConfig(new int[] {1000},
                SamplerConfig.Strategy.MOST_RECENT, 1)).withActionFeatures(history);
        int seeds = 10;
        int[] rows = new int[seeds];
        long[] times = new long[seeds];
        java.util.Arrays.setAll(rows, i -> i);
        java.util.Arrays.fill(times, AS_OF);
        INDArray f = assembler.assemble(rows, times).actionFeatures();
        assertArrayEquals(new long[] {(long) seeds * space.size(), history.width()}, f.shape());

        int a = space.size();
        double[][] expected = new double[seeds * a][history.width()];
        ActionSpace.Lookup lookup = space.lookup(target);
        int[][] codes = space.codes();
        long[] ts = ((LongColumn) target.requireColumn("ts")).values();
        Table customerTable = db.table("customers");
        boolean anyLater = false;
        for (int r = 0; r < target.rowCount(); r++) {
            String key = target.requireColumn("customer_id").format(r);
            int seed = -1;
            for (int s = 0; s < seeds; s++) {
                seed = customerTable.requireColumn("customer_id").format(s).equals(key) ? s : seed;
            }
            int b = lookup.actionOf(r);
            if (seed < 0 || b < 0) {
                continue;
            }
            if (ts[r] > AS_OF) {
                anyLater = true;
                continue;
            }
            int outcome = target.requireColumn("outcome").format(r).equals("Accepted") ? 0 : 1;
            for (int act = 0; act < a; act++) {
                if (act == b) {
                    expected[seed * a + act][outcome]++;
                }
                for (int c = 0; c < components; c++) {
                    if (codes[act][c] == codes[b][c]) {
                        expected[seed * a + act][2 + 2 * c + outcome]++;
                    }
                }
            }
        }
        assertTrue(anyLater, "the fixture has rows after the seed time to leave out");
        double total = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertEquals(Math.log1p(expected[i][j]), f.getDouble(i, j), 1e-6, "row " + i + " feature " + j);
                total += expected[i][j];
            }
        }
        assertTrue(total > 0, "some history counted");
    }

    @Test
    void describesTheFeaturesOfAnActionAsCountsInTheSchemasWords() {
        Database db = OfferHistory.database(40, 5);
        PredictiveQuery q = PredictiveQuery.parse(OfferHistory.QUERY, db.schema());
        ActionSpace space = ActionSpace.forArgMax(q, db, OfferHistory.splits(db).train());
        SeedActionHistory history = new SeedActionHistory(q, space, db.table("offers"), "offers", "customers");
        double[] values = new double[history.width()];
        values[0] = Math.log1p(2); // this action: 2 accepted, 3 not
        values[1] = Math.log1p(3);
        values[2] = Math.log1p(1); // its first component: 1 accepted, 0 not
        java.util.List<org.relgraph.models.explain.ActionFeatureGroup> groups = history.describe(1, values);
        assertEquals(1 + space.columns().size(), groups.size());
        String label = space.describe(1);
        assertEquals("with this action (" + label + "): 2 accepted, 3 not in the sampled history",
                groups.get(0).description());
        assertEquals(5, groups.get(0).rows());
        String component = space.columns().get(0);
        assertEquals("with this " + component.toLowerCase(java.util.Locale.ROOT) + " (" + space.actions().get(1).get(0)
                + "): 1 accepted, 0 not in the sampled history", groups.get(1).description());
        assertEquals(component, groups.get(1).column());
        assertEquals("offers", groups.get(0).table());
        java.util.Set<Integer> covered = new java.util.TreeSet<>();
        groups.forEach(g -> java.util.Arrays.stream(g.features()).forEach(covered::add));
        assertEquals(history.width(), covered.size(), "every feature in exactly one group");
    }
}
