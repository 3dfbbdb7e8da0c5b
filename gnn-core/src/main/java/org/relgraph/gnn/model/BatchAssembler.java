package org.relgraph.gnn.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.ChildActivityFeatures;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.LabelHistoryFeatures;
import org.relgraph.gnn.encode.NodeFeatures;
import org.relgraph.gnn.encode.RowEncoder;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.HopPrefixes;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.sampling.SampledEdges;
import org.relgraph.sampling.SampledNodes;
import org.relgraph.sampling.SampledSubgraph;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.sampling.TemporalNeighborSampler;
import org.relgraph.table.Database;

/**
 * Turns seeds (entity rows and the times they are predicted at) into a {@link GraphBatch}: samples their temporal
 * neighbourhoods, then encodes every sampled row as seen at its own seed's time.
 *
 * <p>Deterministic: the same seeds and sampler seed give the same batch. Not thread-safe (the sampler and the row
 * encoders reuse buffers): give each thread its own assembler via {@link #create}.
 */
public final class BatchAssembler {
    private final HeteroGraph graph;
    private final String seedType;
    private final Map<String, RowEncoder> encoders;
    private final Map<String, ChildActivityFeatures> childActivity; // types without summaries are absent
    private final TemporalNeighborSampler sampler;
    private final ActionFeatures actionFeatures; // null for none
    private final LabelHistoryFeatures labelHistory; // of the seed type's rows; null for none

    private BatchAssembler(HeteroGraph graph, String seedType, Map<String, RowEncoder> encoders,
                           Map<String, ChildActivityFeatures> childActivity, SamplerConfig samplerConfig,
                           ActionFeatures actionFeatures, LabelHistoryFeatures labelHistory) {
        this.graph = graph;
        this.seedType = seedType;
        this.encoders = encoders;
        this.childActivity = childActivity;
        this.sampler = new TemporalNeighborSampler(graph, samplerConfig);
        this.actionFeatures = actionFeatures;
        this.labelHistory = labelHistory;
    }

    /** The same assembler, also attaching {@code features} of every batch as {@link GraphBatch#actionFeatures}. */
    public BatchAssembler withActionFeatures(ActionFeatures features) {
        return new BatchAssembler(graph, seedType, encoders, childActivity, sampler.config(), features, labelHistory);
    }

    /**
     * The same assembler, giving every node of the seed type (the seeds, and entities reached through the graph)
     * its own past labels as of its seed's time, after its child summaries: for a model whose config
     * {@link GnnConfig#readsLabelHistory() reads them}.
     */
    public BatchAssembler withLabelHistory(LabelHistoryFeatures history) {
        return new BatchAssembler(graph, seedType, encoders, childActivity, sampler.config(), actionFeatures,
                history);
    }

    /**
     * @param seedType the entity table the seeds belong to
     * @throws org.relgraph.schema.SchemaException when a table or fitted column of the encoding is missing from
     *                                             {@code db}
     */
    public static BatchAssembler create(HeteroGraph graph, Database db, DatabaseEncoding encoding, String seedType,
                                        SamplerConfig samplerConfig) {
        Map<String, RowEncoder> encoders = new LinkedHashMap<>();
        Map<String, ChildActivityFeatures> childActivity = new LinkedHashMap<>();
        for (String type : graph.nodeTypes()) {
            encoders.put(type, encoding.table(type).bind(db.table(type)));
        }
        // After every table's binding: that is what names a child column whose type changed since training.
        for (String type : graph.nodeTypes()) {
            ChildActivityFeatures summaries = encoding.bindChildActivity(type, graph, db);
            if (summaries != null) {
                childActivity.put(type, summaries);
            }
        }
        return new BatchAssembler(graph, canonicalType(graph, seedType), encoders, childActivity, samplerConfig,
                null, null);
    }

    /**
     * The same encoders with a differently seeded sampler, e.g. {@code seed + epoch} for fresh neighbourhoods each
     * epoch. Shares this assembler's encoders, so use both from one thread only.
     */
    public BatchAssembler withSamplerSeed(long seed) {
        return new BatchAssembler(graph, seedType, encoders, childActivity, sampler.config().withSeed(seed),
                actionFeatures, labelHistory);
    }

    public String seedType() {
        return seedType;
    }

    /** The graph the assembler samples from. */
    public HeteroGraph graph() {
        return graph;
    }

    /**
     * @param rows      entity rows of the seed type
     * @param seedTimes per seed, the time its inputs are seen as of (epoch ms)
     */
    public GraphBatch assemble(int[] rows, long[] seedTimes) {
        return assembleWithRows(rows, seedTimes).batch();
    }

    /** {@link #assemble}, keeping the table row of every sampled node. */
    public SampledBatch assembleWithRows(int[] rows, long[] seedTimes) {
        SampledSubgraph sub = sampler.sample(seedType, rows, seedTimes);
        Map<String, NodeInputs> nodes = new LinkedHashMap<>();
        Map<String, int[]> globalRows = new LinkedHashMap<>();
        Map<String, int[]> nodeHopEnds = new LinkedHashMap<>();
        for (Map.Entry<String, SampledNodes> entry : sub.nodes().entrySet()) {
            SampledNodes sampled = entry.getValue();
            if (sampled.size() > 0) {
                nodes.put(entry.getKey(), encode(entry.getKey(), sampled, seedTimes));
                globalRows.put(entry.getKey(), sampled.globalIds().clone());
                nodeHopEnds.put(entry.getKey(), sampled.hopEnds());
            }
        }
        Map<EdgeKey, EdgeIndex> edges = new LinkedHashMap<>();
        Map<EdgeKey, int[]> edgeHopEnds = new LinkedHashMap<>();
        for (Map.Entry<EdgeType, SampledEdges> entry : sub.edges().entrySet()) {
            SampledEdges e = entry.getValue();
            if (e.size() > 0) {
                edges.put(edgeKey(entry.getKey()), new EdgeIndex(e.srcLocal(), e.dstLocal()));
                edgeHopEnds.put(edgeKey(entry.getKey()), e.dstHopEnds());
            }
        }
        HopPrefixes hops = new HopPrefixes(nodeHopEnds, edgeHopEnds);
        SampledBatch plain = new SampledBatch(new GraphBatch(seedType, rows.length, nodes, edges, hops, null),
                globalRows);
        if (actionFeatures == null) {
            return plain;
        }
        return new SampledBatch(new GraphBatch(seedType, rows.length, nodes, edges, hops,
                actionFeatures.compute(plain)), globalRows);
    }

    private NodeInputs encode(String type, SampledNodes sampled, long[] seedTimes) {
        int n = sampled.size();
        long[] nodeSeedTimes = new long[n];
        int[] seedIndex = sampled.seedIndex();
        for (int i = 0; i < n; i++) {
            nodeSeedTimes[i] = seedTimes[seedIndex[i]];
        }
        int[] unique = uniqueIndex(sampled.globalIds(), nodeSeedTimes, sampled.relativeTime());
        // Nodes with identical inputs are encoded and stored once: the seeds reached back through their own children
        // are about half of a batch's rows (28k customer rows for 512 seeds at fanouts 20,10).
        int[] first = NodeInputs.firstOccurrences(unique);
        int[] rows = pick(sampled.globalIds(), first);
        long[] times = pick(nodeSeedTimes, first);
        RowEncoder encoder = encoders.get(type);
        INDArray features = NodeFeatures.matrix(encoder, childActivity.get(type),
                type.equals(seedType) ? labelHistory : null, rows, times,
                sampled.timed() ? pick(sampled.relativeTime(), first) : null);
        int[][] codes = encoder.categoryCodes(rows);
        return first.length == n ? new NodeInputs(features, codes, unique)
                : NodeInputs.ofDistinct(features, codes, unique);
    }

    private static int[] pick(int[] values, int[] at) {
        int[] out = new int[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    private static long[] pick(long[] values, int[] at) {
        long[] out = new long[at.length];
        for (int i = 0; i < at.length; i++) {
            out[i] = values[at[i]];
        }
        return out;
    }

    /** Identical inputs of the batch: the same row at the same seed time and relative time encodes identically. */
    private static int[] uniqueIndex(int[] rows, long[] seedTimes, long[] relativeTimes) {
        int n = rows.length;
        int[] index = new int[n];
        // Open addressing over (row, seed time, relative time); keys are compared exactly, the hash only spreads.
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        int[] slots = new int[capacity];
        java.util.Arrays.fill(slots, -1);
        int mask = capacity - 1;
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            long h = rows[i] * 0x9E3779B97F4A7C15L ^ seedTimes[i] * 0xC2B2AE3D27D4EB4FL
                    ^ relativeTimes[i] * 0x165667B19E3779F9L;
            int slot = (int) (h ^ (h >>> 29) ^ (h >>> 47)) & mask;
            while (true) {
                int j = slots[slot];
                if (j < 0) {
                    slots[slot] = i;
                    index[i] = distinct++;
                    break;
                }
                if (rows[j] == rows[i] && seedTimes[j] == seedTimes[i] && relativeTimes[j] == relativeTimes[i]) {
                    index[i] = index[j];
                    break;
                }
                slot = (slot + 1) & mask;
            }
        }
        return index;
    }

    /** The model's name for a graph edge type. */
    public static EdgeKey edgeKey(EdgeType t) {
        return new EdgeKey(t.srcTable(), t.relation(), t.dstTable());
    }

    public static List<EdgeKey> edgeKeys(HeteroGraph graph) {
        return graph.edgeTypes().stream().map(BatchAssembler::edgeKey).toList();
    }

    /** The graph's spelling of a table name, which keys the sampled node types. */
    static String canonicalType(HeteroGraph graph, String table) {
        return graph.nodeTypes().stream().filter(t -> t.equalsIgnoreCase(table)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node type '" + table + "' in the graph; types are "
                        + graph.nodeTypes()));
    }
}
