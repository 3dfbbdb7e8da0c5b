package org.relgraph.gnn.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.ChildActivityFeatures;
import org.relgraph.gnn.encode.ChildSummaries;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.EncodingConfig;
import org.relgraph.gnn.encode.StoredChildSummaries;
import org.relgraph.gnn.testdata.ShopData;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.sampling.SampledEdges;
import org.relgraph.sampling.SampledNodes;
import org.relgraph.sampling.SampledSubgraph;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.sampling.TemporalNeighborSampler;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The materialised path against the in-memory one: the sampler's subgraph stored as the Spark neighbourhoods job
 * stores it (a row per (seed, hop, row, relation, parent row) with copies), with only the named rows' values and
 * their child summaries looked up, gives the sampler's own subgraph back and the same model outputs.
 */
class MaterialisedBatchesTest {
    private static final long T = ShopData.START + 200 * ShopData.DAY;
    private static final int[] SEEDS = {4, 9, 4, 17, 0};
    private static final long[] TIMES = {T, T + 40 * ShopData.DAY, T + 80 * ShopData.DAY, T + 10 * ShopData.DAY, T};
    private static Database db;
    private static HeteroGraph graph;
    private static DatabaseEncoding encoding;
    private static GnnConfig config;

    @BeforeAll
    static void data() {
        db = withReturns(ShopData.database(30, 3));
        graph = HeteroGraph.build(db);
        encoding = DatabaseEncoding.fit(db, T, EncodingConfig.defaults());
        // three hops reach customers' other transactions: copies above 1
        config = GnnConfig.defaults().withFanouts(5, 3, 2).withLayers(3).withSampling(SamplerConfig.Strategy.MOST_RECENT);
    }

    /**
     * A second child table keyed by customer_id as well: both reverse relations are named rev_customer_id, so a
     * stored row must be matched to its parent by its table too.
     */
    private static Database withReturns(Database shop) {
        Table tx = shop.table("transactions");
        org.relgraph.schema.TableSchema s = tx.schema();
        Table returns = new Table(new org.relgraph.schema.TableSchema("returns", s.columns(), s.primaryKey(),
                s.timeColumn(), List.of(new org.relgraph.schema.ForeignKey("returns", "customer_id", "customers"))),
                tx.columns());
        List<Table> tables = List.of(shop.table("customers"), tx, returns);
        return new Database(new org.relgraph.schema.Schema(tables.stream().map(Table::schema).toList()), tables);
    }

    @Test
    void graphTypesFromTheSchemaAreTheGraphs() {
        assertEquals(graph.nodeTypes(), MaterialisedBatches.nodeTypes(db.schema()));
        assertEquals(graph.edgeTypes(), MaterialisedBatches.edgeTypes(db.schema()));
    }

    @Test
    void storedNeighbourhoodsGiveTheSamplersSubgraphAndTheSameOutputs() {
        SampledSubgraph sampled = new TemporalNeighborSampler(graph, config.samplerConfig()).sample("customers",
                SEEDS, TIMES);
        Stored stored = store(sampled);
        assertTrue(stored.maxCopies > 1, "some rows stand for several nodes");
        MaterialisedBatches batches = MaterialisedBatches.bind(db.schema(), encoding, stored.tables,
                stored.summaries, "CUSTOMERS", config.samplerConfig().hops());
        SampledSubgraph rebuilt = batches.subgraph(stored.seeds);
        for (String type : graph.nodeTypes()) {
            SampledNodes want = sampled.nodes(type);
            SampledNodes got = rebuilt.nodes(type);
            int[] global = got.globalIds().clone();
            for (int i = 0; i < global.length; i++) {
                global[i] = stored.globalRows.get(type)[global[i]];
            }
            assertArrayEquals(want.globalIds(), global, type);
            assertArrayEquals(want.relativeTime(), got.relativeTime(), type);
            assertArrayEquals(want.seedIndex(), got.seedIndex(), type);
            assertArrayEquals(want.hop(), got.hop(), type);
            assertArrayEquals(want.hopEnds(), got.hopEnds(), type);
            assertEquals(want.timed(), got.timed(), type);
        }
        for (EdgeType e : graph.edgeTypes()) {
            SampledEdges want = sampled.edges(e);
            SampledEdges got = rebuilt.edges(e);
            assertArrayEquals(want.srcLocal(), got.srcLocal(), e.toString());
            assertArrayEquals(want.dstLocal(), got.dstLocal(), e.toString());
            assertArrayEquals(want.dstHopEnds(), got.dstHopEnds(), e.toString());
        }

        HeteroGnn model = new HeteroGnn(config, graph.nodeTypes(), BatchAssembler.edgeKeys(graph), encoding,
                "customers", 1);
        model.eval();
        GraphBatch inMemory = BatchAssembler.create(graph, db, encoding, "customers", config.samplerConfig())
                .assemble(SEEDS, TIMES);
        GraphBatch materialised = batches.assemble(stored.seeds).batch();
        INDArray want = model.forward(inMemory).dup();
        INDArray got = model.forward(materialised).dup();
        assertArrayEquals(want.toDoubleVector(), got.toDoubleVector(), 1e-6);
    }

    @Test
    void aRowWhoseParentIsMissingIsRefused() {
        SampledSubgraph sampled = new TemporalNeighborSampler(graph, config.samplerConfig()).sample("customers",
                SEEDS, TIMES);
        Stored stored = store(sampled);
        MaterialisedSeed first = stored.seeds.get(0);
        List<MaterialisedNode> withoutHop1 = first.nodes().stream().filter(n -> n.hop() != 1).toList();
        stored.seeds.set(0, new MaterialisedSeed(first.row(), first.sampleTime(), withoutHop1));
        MaterialisedBatches batches = MaterialisedBatches.bind(db.schema(), encoding, stored.tables,
                stored.summaries, "customers", config.samplerConfig().hops());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batches.subgraph(stored.seeds));
        assertTrue(e.getMessage().contains("parents are missing"), e.getMessage());
    }

    /** The sampler's subgraph as the neighbourhoods job stores it, its rows renumbered within the rows it names. */
    private static Stored store(SampledSubgraph sub) {
        // who sampled each node: (parent type, parent local node, walked relation)
        Map<String, String[]> parentType = new HashMap<>();
        Map<String, int[]> parentLocal = new HashMap<>();
        Map<String, String[]> walked = new HashMap<>();
        for (String type : graph.nodeTypes()) {
            int n = sub.nodes(type).size();
            parentType.put(type, new String[n]);
            parentLocal.put(type, new int[n]);
            walked.put(type, new String[n]);
        }
        for (EdgeType message : graph.edgeTypes()) {
            SampledEdges e = sub.edges(message);
            String relation = graph.reverse(message).relation();
            for (int i = 0; i < e.size(); i++) {
                parentType.get(message.srcTable())[e.srcLocal()[i]] = message.dstTable();
                parentLocal.get(message.srcTable())[e.srcLocal()[i]] = e.dstLocal()[i];
                walked.get(message.srcTable())[e.srcLocal()[i]] = relation;
            }
        }
        Map<String, TreeSet<Integer>> named = new LinkedHashMap<>();
        graph.nodeTypes().forEach(t -> named.put(t, new TreeSet<>()));
        // (seed, hop, table, row, edge, parent table, parent row) -> copies
        Map<List<Object>, Integer> rows = new LinkedHashMap<>();
        for (String type : graph.nodeTypes()) {
            SampledNodes n = sub.nodes(type);
            for (int i = 0; i < n.size(); i++) {
                int row = n.globalIds()[i];
                named.get(type).add(row);
                String pt = parentType.get(type)[i];
                int parentRow = pt == null ? -1 : sub.nodes(pt).globalIds()[parentLocal.get(type)[i]];
                rows.merge(java.util.Arrays.asList(n.seedIndex()[i], n.hop()[i], type, row, walked.get(type)[i], pt,
                        parentRow), 1, Integer::sum);
            }
        }
        Stored out = new Stored();
        Map<String, Map<Integer, Integer>> localOf = new HashMap<>();
        for (String type : graph.nodeTypes()) {
            int[] global = named.get(type).stream().mapToInt(Integer::intValue).toArray();
            out.globalRows.put(type, global);
            Map<Integer, Integer> local = new HashMap<>();
            for (int i = 0; i < global.length; i++) {
                local.put(global[i], i);
            }
            localOf.put(type, local);
            out.tables.put(type, subset(db.table(type), global));
        }
        List<List<MaterialisedNode>> perSeed = new ArrayList<>();
        for (int s = 0; s < SEEDS.length; s++) {
            perSeed.add(new ArrayList<>());
        }
        for (Map.Entry<List<Object>, Integer> r : rows.entrySet()) {
            List<Object> k = r.getKey();
            String type = (String) k.get(2);
            int row = (Integer) k.get(3);
            long[] times = graph.nodeTimes(type);
            String pt = (String) k.get(5);
            perSeed.get((Integer) k.get(0)).add(new MaterialisedNode((Integer) k.get(1), type,
                    localOf.get(type).get(row), times == null ? null : times[row], (String) k.get(4), pt,
                    pt == null ? -1 : localOf.get(pt).get((Integer) k.get(6)), r.getValue()));
            out.maxCopies = Math.max(out.maxCopies, r.getValue());
        }
        for (int s = 0; s < SEEDS.length; s++) {
            java.util.Collections.reverse(perSeed.get(s)); // any order
            out.seeds.add(new MaterialisedSeed(localOf.get("customers").get(SEEDS[s]), TIMES[s], perSeed.get(s)));
        }
        for (String type : graph.nodeTypes()) {
            ChildActivityFeatures computed = encoding.bindChildActivity(type, graph, db);
            if (computed == null) {
                continue;
            }
            StoredChildSummaries stored = new StoredChildSummaries(type, computed.width());
            SampledNodes n = sub.nodes(type);
            for (int i = 0; i < n.size(); i++) {
                float[] v = new float[computed.width()];
                long at = TIMES[n.seedIndex()[i]];
                computed.write(n.globalIds()[i], at, v, 0);
                stored.put(localOf.get(type).get(n.globalIds()[i]), at, v);
            }
            out.summaries.put(type, stored);
        }
        return out;
    }

    static Table subset(Table t, int[] rows) {
        List<Column> columns = new ArrayList<>();
        for (Column c : t.columns()) {
            BitSet nulls = new BitSet();
            for (int i = 0; i < rows.length; i++) {
                nulls.set(i, c.isNull(rows[i]));
            }
            if (c instanceof DoubleColumn d) {
                double[] v = new double[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = d.values()[rows[i]];
                }
                columns.add(new DoubleColumn(d.name(), d.type(), v, nulls));
            } else if (c instanceof LongColumn l) {
                long[] v = new long[rows.length];
                for (int i = 0; i < rows.length; i++) {
                    v[i] = l.values()[rows[i]];
                }
                columns.add(new LongColumn(l.name(), l.type(), v, nulls));
            } else if (c instanceof CategoricalColumn k) {
                // a dictionary of its own, in another order: binding must go by value, not by code
                List<String> dictionary = new ArrayList<>();
                Map<String, Integer> code = new HashMap<>();
                int[] codes = new int[rows.length];
                for (int i = rows.length - 1; i >= 0; i--) {
                    String v = k.isNull(rows[i]) ? null : k.dictionary().get(k.codes()[rows[i]]);
                    codes[i] = v == null ? CategoricalColumn.NULL_CODE : code.computeIfAbsent(v, x -> {
                        dictionary.add(x);
                        return dictionary.size() - 1;
                    });
                }
                columns.add(new CategoricalColumn(k.name(), k.type(), codes, dictionary));
            }
        }
        return new Table(t.schema(), columns);
    }

    private static final class Stored {
        final Map<String, Table> tables = new LinkedHashMap<>();
        final Map<String, int[]> globalRows = new HashMap<>();
        final Map<String, ChildSummaries> summaries = new HashMap<>();
        final List<MaterialisedSeed> seeds = new ArrayList<>();
        int maxCopies;
    }
}
