package org.relgraph.gnn.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.gnn.encode.ChildActivityFeatures;
import org.relgraph.gnn.encode.ChildSummaries;
import org.relgraph.gnn.encode.DatabaseEncoding;
import org.relgraph.gnn.encode.LabelHistoryFeatures;
import org.relgraph.gnn.encode.RowEncoder;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
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
    private final Map<String, ChildSummaries> childActivity; // types without summaries are absent
    private final TemporalNeighborSampler sampler;
    private final ActionFeatures actionFeatures; // null for none
    private final LabelHistoryFeatures labelHistory; // of the seed type's rows; null for none
    private final SubgraphEncoder subgraphEncoder;

    private BatchAssembler(HeteroGraph graph, String seedType, Map<String, RowEncoder> encoders,
                           Map<String, ChildSummaries> childActivity, SamplerConfig samplerConfig,
                           ActionFeatures actionFeatures, LabelHistoryFeatures labelHistory) {
        this.graph = graph;
        this.seedType = seedType;
        this.encoders = encoders;
        this.childActivity = childActivity;
        this.sampler = new TemporalNeighborSampler(graph, samplerConfig);
        this.actionFeatures = actionFeatures;
        this.labelHistory = labelHistory;
        this.subgraphEncoder = new SubgraphEncoder(seedType, encoders, childActivity, actionFeatures, labelHistory);
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
        Map<String, ChildSummaries> childActivity = new LinkedHashMap<>();
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
        return subgraphEncoder.encode(sampler.sample(seedType, rows, seedTimes), seedTimes);
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
