package org.relgraph.gnn.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.gnn.encode.ChildSummaries;
import org.relgraph.gnn.encode.LabelHistoryFeatures;
import org.relgraph.gnn.encode.NodeFeatures;
import org.relgraph.gnn.encode.RowEncoder;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;
import org.relgraph.gnn.nn.HopPrefixes;
import org.relgraph.graph.EdgeType;
import org.relgraph.sampling.SampledEdges;
import org.relgraph.sampling.SampledNodes;
import org.relgraph.sampling.SampledSubgraph;

/**
 * The encoding half of batch assembly: a sampled subgraph's nodes, each row encoded as seen at its own seed's time
 * (numeric columns, child summaries, label history, relative time; category codes), and its edges, as one
 * {@link GraphBatch}. {@link BatchAssembler} samples in memory and encodes with this; a reader of materialised
 * neighbourhoods ({@link MaterialisedBatches}) builds the same subgraph from stored rows and encodes it with this
 * too, so both paths give the model the same inputs.
 *
 * <p>Not thread-safe (the row encoders reuse buffers).
 */
public final class SubgraphEncoder {
    private final String seedType;
    private final Map<String, RowEncoder> encoders;
    private final Map<String, ChildSummaries> childActivity; // types without summaries are absent
    private final ActionFeatures actionFeatures; // null for none
    private final LabelHistoryFeatures labelHistory; // of the seed type's rows; null for none

    /**
     * @param encoders      per node type, its fitted encoding bound to the table the sampled rows index
     * @param childActivity per node type with child summaries, its summaries of those rows
     * @param actionFeatures per-(seed, action) features, or null for none
     * @param labelHistory  the seed type's past labels, or null for none
     */
    public SubgraphEncoder(String seedType, Map<String, RowEncoder> encoders, Map<String, ChildSummaries> childActivity,
                           ActionFeatures actionFeatures, LabelHistoryFeatures labelHistory) {
        this.seedType = seedType;
        this.encoders = encoders;
        this.childActivity = childActivity;
        this.actionFeatures = actionFeatures;
        this.labelHistory = labelHistory;
    }

    /**
     * Encodes {@code sub}, whose seeds are its first {@code seedTimes.length} nodes of the seed type: every node's
     * row as seen at its own seed's time.
     *
     * @param sub       sampled nodes whose {@link SampledNodes#globalIds()} are rows of the tables the encoders
     *                  were bound to
     * @param seedTimes per seed, the time its inputs are seen as of (epoch ms)
     */
    public SampledBatch encode(SampledSubgraph sub, long[] seedTimes) {
        int seedCount = seedTimes.length;
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
                edges.put(BatchAssembler.edgeKey(entry.getKey()), new EdgeIndex(e.srcLocal(), e.dstLocal()));
                edgeHopEnds.put(BatchAssembler.edgeKey(entry.getKey()), e.dstHopEnds());
            }
        }
        HopPrefixes hops = new HopPrefixes(nodeHopEnds, edgeHopEnds);
        SampledBatch plain = new SampledBatch(new GraphBatch(seedType, seedCount, nodes, edges, hops, null),
                globalRows);
        if (actionFeatures == null) {
            return plain;
        }
        return new SampledBatch(new GraphBatch(seedType, seedCount, nodes, edges, hops,
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
}
