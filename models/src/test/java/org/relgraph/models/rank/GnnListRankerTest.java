package org.relgraph.models.rank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.model.BatchAssembler;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.gnn.GnnRanker;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/** The GNN ranker on LIST_DISTINCT: candidates are the referenced parent rows (products), not action tuples. */
class GnnListRankerTest {
    private static final long D = OfferBank.DAY;
    private static final long S = OfferBank.START;
    private static final GnnConfig SMALL = GnnConfig.defaults().withHidden(16).withFanouts(10, 4).withBatchSize(64)
            .withEpochs(20).withPatience(6).withLearningRate(2e-2);

    private static Database db;
    private static PredictiveQuery query;
    private static TrainingSplits splits;
    private static GnnRanker ranker;

    @BeforeAll
    static void train() {
        db = OfferBank.generate(200, 7, null, 0.8);
        query = PredictiveQuery.parse(OfferBank.NEXT_PRODUCTS, db.schema());
        TrainingTableBuilder b = new TrainingTableBuilder(db, query);
        splits = new TrainingSplits(b.build("train", List.of(S + 120 * D, S + 180 * D, S + 240 * D)),
                b.build("val", List.of(S + 270 * D)), b.build("test", List.of(S + 300 * D)));
        ranker = GnnRanker.train(db, query, splits, SMALL, TrainingListener.NONE);
    }

    @AfterAll
    static void close() {
        ranker.close();
    }

    @Test
    void beatsPopularityOnListDistinctMapWithTheMetricNamesCfReports() {
        Map<String, Double> m = ranker.metrics();
        assertTrue(ranker.ranksLinks());
        assertEquals(4.0, m.get("actions"), "the four products referenced in training");
        double cf;
        try (CfModel model = CfModel.train(db, query, splits, 1, line -> { })) {
            cf = model.metrics().get("test_map@2");
            assertEquals(model.evaluate(splits.test()).keySet(), ranker.evaluate(splits.test()).keySet(),
                    "evaluate reports the metrics CF reports");
        }
        System.out.printf("GnnListRankerTest: test MAP@2 GNN %.3f, CF %.3f, popularity %.3f; val GNN %.3f vs "
                        + "popularity %.3f%n", m.get("test_map@2"), cf, m.get("test_popularity_map@2"),
                m.get("val_map@2"), m.get("val_popularity_map@2"));
        assertTrue(m.get("val_map@2") > m.get("val_popularity_map@2") + 0.05, m.toString());
        assertTrue(m.get("test_map@2") > m.get("test_popularity_map@2") + 0.05, m.toString());
    }

    @Test
    void recommendsProductKeysAndTheBundleRoundTripsWithIdenticalScores(@TempDir Path dir) throws Exception {
        int[] rows = {0, 1, 2, 3};
        long asOf = S + 300 * D;
        double[] best = new double[rows.length];
        List<List<String>> items = ranker.recommend(rows, asOf, 2, best);
        assertEquals(2, items.get(0).size());
        // Customer 0 likes o1/o2 (products 0, 1), customer 1 o3/o4 (products 2, 3).
        assertTrue(List.of("0", "1").contains(items.get(0).get(0)), items.toString());
        assertTrue(List.of("2", "3").contains(items.get(1).get(0)), items.toString());
        ranker.save(dir.resolve("gnn"));
        try (EntityModel loaded = ModelLoader.load(dir.resolve("gnn"), db)) {
            GnnRanker back = (GnnRanker) loaded;
            assertTrue(back.ranksLinks());
            double[][] a = ranker.scoreActions(rows, asOf);
            double[][] b = back.scoreActions(rows, asOf);
            for (int i = 0; i < rows.length; i++) {
                assertArrayEquals(a[i], b[i], 0);
            }
            assertEquals(ranker.evaluate(splits.test()), back.evaluate(splits.test()));
            assertEquals(items, back.recommend(rows, asOf, 2, new double[rows.length]));
        }
    }

    @Test
    void candidatesAreTheMostReferencedRowsUpToTheCap() {
        int[] referenced = {0};
        ActionSpace capped = ActionSpace.forListDistinct(query, db, splits.train(), 2, referenced);
        assertEquals(4, referenced[0], "all four products are referenced in training");
        assertEquals(2, capped.size());
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < splits.train().size(); i++) {
            splits.train().labelListKeys(i).forEach(k -> counts.merge(k, 1, Integer::sum));
        }
        int kept = Math.min(counts.get(capped.actions().get(0).get(0)), counts.get(capped.actions().get(1).get(0)));
        counts.forEach((k, c) -> assertTrue(capped.actions().contains(List.of(k)) || c <= kept,
                "a dropped product is referenced no more often than a kept one: " + counts));
        assertTrue(counts.get(capped.actions().get(0).get(0)) >= counts.get(capped.actions().get(1).get(0)));
    }

    @Test
    void historyFeaturesCountOnlyTheSeedsOwnSampledRowsBeforeItsTime() {
        long asOf = S + 200 * D + 12_345; // not on any row's time
        ActionSpace space = ActionSpace.forListDistinct(query, db, splits.train(), 1000, null);
        assertEquals(List.of("product_id"), space.columns());
        HeteroGraph graph = HeteroGraph.build(db);
        String customers = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("customers")).findFirst()
                .orElseThrow();
        String interactions = graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase("interactions"))
                .findFirst().orElseThrow();
        Table target = db.table("interactions");
        SeedActionHistory history = new SeedActionHistory(query, space, target, interactions, customers, db,
                BatchAssembler.edgeKeys(graph));
        assertEquals(1, history.width());
        BatchAssembler assembler = BatchAssembler.create(graph, db, DatabaseEncoding.fit(db, asOf,
                EncodingConfig.defaults()), customers, new SamplerConfig(new int[] {1000},
                SamplerConfig.Strategy.MOST_RECENT, 1)).withActionFeatures(history);
        int seeds = 6;
        int[] rows = new int[seeds];
        long[] times = new long[seeds];
        java.util.Arrays.setAll(rows, i -> i);
        java.util.Arrays.fill(times, asOf);
        INDArray f = assembler.assemble(rows, times).actionFeatures();
        int a = space.size();
        double[] expected = new double[seeds * a];
        ActionSpace.Lookup lookup = space.lookup(target);
        long[] ts = ((LongColumn) target.requireColumn("ts")).values();
        long[] customer = ((LongColumn) target.requireColumn("customer_id")).values();
        boolean anyLater = false;
        for (int r = 0; r < target.rowCount(); r++) {
            int seed = (int) customer[r]; // customer ids are their row numbers in this fixture
            if (seed >= seeds || lookup.actionOf(r) < 0) {
                continue;
            }
            if (ts[r] > asOf) {
                anyLater = true;
                continue;
            }
            expected[seed * a + lookup.actionOf(r)]++;
        }
        assertTrue(anyLater, "rows after the seed time exist and are left out");
        double total = 0;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(Math.log1p(expected[i]), f.getDouble(i, 0), 1e-6, "cell " + i);
            total += expected[i];
        }
        assertTrue(total > 0);
    }
}
