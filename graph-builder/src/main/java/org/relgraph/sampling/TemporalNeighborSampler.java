package org.relgraph.sampling;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.graph.TemporalCsr;

/**
 * Samples, for each seed (a node and a time), a multi-hop neighbourhood that only contains what was known at
 * the seed's time: an edge is taken only if its time is at or before the seed time, and a neighbour only if
 * its own node time is too. From each frontier node, every edge type leaving its type is expanded with up to
 * {@code fanouts[hop]} neighbours.
 *
 * <p>Determinism: each seed's random stream is derived from (config seed, seed type, seed node, seed time)
 * alone, so a seed's subgraph does not depend on the rest of its batch, on batch order, or on threads.
 *
 * <p>Buffers are reused between calls, so an instance is not thread-safe: use one sampler per thread (the
 * graph itself can be shared).
 */
public final class TemporalNeighborSampler {
    /** Up to this many picks, Floyd's algorithm with a linear duplicate check beats a scan of all candidates. */
    private static final int FLOYD_MAX_PICKS = 64;

    private final SamplerConfig config;
    private final List<String> typeNames;
    private final long[][] nodeTimes;
    private final int[] nodeCounts;
    private final int[][] outEdges;

    private final EdgeType[] messageTypes;
    private final int[][] offsets;
    private final int[][] targets;
    private final long[][] edgeTimes;
    private final int[] dstType;
    private final boolean[] checkTargetTime;
    /** Edge time = the (already visible) source's time: every edge is visible, no binary search needed. */
    private final boolean[] edgesVisibleWithSource;
    /** Edge time = the target's time: read it from the edge, which is in cache, not from the node times. */
    private final boolean[] targetTimeOnEdge;
    private final boolean[] oneEdgePerSource;

    private final NodeBlockBuilder[] nodeBlocks;
    private final EdgeBlockBuilder[] edgeBlocks;
    private final int[] frontierStart;
    private final int[] frontierEnd;
    private int[] candidates = new int[64];
    private int[] picks = new int[64];
    private long[] rngState = new long[64];
    private long[] seedTimes;

    public TemporalNeighborSampler(HeteroGraph graph, SamplerConfig config) {
        this.config = config;
        this.typeNames = graph.nodeTypes();
        int types = typeNames.size();
        nodeTimes = new long[types][];
        nodeCounts = new int[types];
        for (int t = 0; t < types; t++) {
            nodeTimes[t] = graph.nodeTimes(typeNames.get(t));
            nodeCounts[t] = graph.nodeCount(typeNames.get(t));
        }
        List<EdgeType> edgeTypes = graph.edgeTypes();
        int edges = edgeTypes.size();
        messageTypes = new EdgeType[edges];
        offsets = new int[edges][];
        targets = new int[edges][];
        edgeTimes = new long[edges][];
        dstType = new int[edges];
        checkTargetTime = new boolean[edges];
        edgesVisibleWithSource = new boolean[edges];
        targetTimeOnEdge = new boolean[edges];
        oneEdgePerSource = new boolean[edges];
        int[] srcType = new int[edges];
        for (int e = 0; e < edges; e++) {
            EdgeType type = edgeTypes.get(e);
            TemporalCsr csr = graph.csr(type);
            messageTypes[e] = graph.reverse(type);
            offsets[e] = csr.offsets();
            targets[e] = csr.targets();
            edgeTimes[e] = csr.times();
            srcType[e] = typeIndex(type.srcTable());
            dstType[e] = typeIndex(type.dstTable());
            checkTargetTime[e] = nodeTimes[dstType[e]] != null && !csr.targetsNeverLaterThanEdges();
            oneEdgePerSource[e] = csr.oneEdgePerSource();
            edgesVisibleWithSource[e] = csr.keyHolder() == TemporalCsr.KeyHolder.SOURCE;
            targetTimeOnEdge[e] = csr.keyHolder() == TemporalCsr.KeyHolder.TARGET && csr.times() != null;
        }
        outEdges = new int[types][];
        for (int t = 0; t < types; t++) {
            final int type = t;
            outEdges[t] = IntStream.range(0, edges).filter(e -> srcType[e] == type).toArray();
        }
        nodeBlocks = new NodeBlockBuilder[types];
        for (int t = 0; t < types; t++) {
            nodeBlocks[t] = new NodeBlockBuilder();
        }
        edgeBlocks = new EdgeBlockBuilder[edges];
        for (int e = 0; e < edges; e++) {
            edgeBlocks[e] = new EdgeBlockBuilder();
        }
        frontierStart = new int[types];
        frontierEnd = new int[types];
    }

    public SamplerConfig config() {
        return config;
    }

    /**
     * Samples the neighbourhoods of a batch of seeds.
     *
     * @param seedTable which node type the seeds are
     * @param seedNodes row numbers in {@code seedTable}
     * @param seedTimes per seed, the prediction time in epoch ms: nothing later is sampled. It must not be
     *                  before the seed row's own time.
     */
    public SampledSubgraph sample(String seedTable, int[] seedNodes, long[] seedTimes) {
        int seedType = typeIndex(seedTable);
        if (seedNodes.length != seedTimes.length) {
            throw new IllegalArgumentException("got " + seedNodes.length + " seed nodes but " + seedTimes.length
                    + " seed times; give one time per seed");
        }
        for (NodeBlockBuilder b : nodeBlocks) {
            b.clear();
        }
        for (EdgeBlockBuilder b : edgeBlocks) {
            b.clear();
        }
        this.seedTimes = seedTimes;
        if (rngState.length < seedNodes.length) {
            rngState = new long[seedNodes.length];
        }
        long[] seedTypeTimes = nodeTimes[seedType];
        for (int i = 0; i < seedNodes.length; i++) {
            int node = seedNodes[i];
            if (node < 0 || node >= nodeCounts[seedType]) {
                throw new IllegalArgumentException("seed " + i + ": row " + node + " is not in table '"
                        + seedTable + "', which has " + nodeCounts[seedType] + " rows");
            }
            long time = seedTimes[i];
            long rel = 0;
            if (seedTypeTimes != null) {
                rel = time - seedTypeTimes[node];
                if (seedTypeTimes[node] > time) {
                    throw new IllegalArgumentException("seed " + i + ": row " + node + " of '" + seedTable
                            + "' has time " + seedTypeTimes[node] + ", after its seed time " + time
                            + "; a seed must exist at its own prediction time");
                }
            }
            rngState[i] = mix(mix(mix(config.seed() ^ seedType) + node) + time);
            nodeBlocks[seedType].add(node, rel, i, 0);
        }

        int hops = config.hops();
        for (NodeBlockBuilder b : nodeBlocks) {
            b.endHop(0, hops);
        }
        Arrays.fill(frontierStart, 0);
        for (int hop = 0; hop < hops; hop++) {
            for (int t = 0; t < frontierEnd.length; t++) {
                frontierEnd[t] = nodeBlocks[t].size;
            }
            int fanout = config.fanout(hop);
            if (fanout > 0) {
                for (int t = 0; t < frontierEnd.length; t++) {
                    for (int u = frontierStart[t]; u < frontierEnd[t]; u++) {
                        expand(t, u, fanout, hop + 1);
                    }
                }
            }
            // Breadth-first order: this hop's expansions appended exactly the nodes of hop + 1 and the edges
            // into nodes of hop `hop`, so both are prefixes that the GNN can trim its layers to.
            for (NodeBlockBuilder b : nodeBlocks) {
                b.endHop(hop + 1, hops);
            }
            for (EdgeBlockBuilder b : edgeBlocks) {
                b.endHop(hop, hops);
            }
            System.arraycopy(frontierEnd, 0, frontierStart, 0, frontierEnd.length);
        }
        this.seedTimes = null;
        return collect(seedTable, seedNodes.length);
    }

    /** Samples up to {@code fanout} visible neighbours of local node {@code u} over each edge type of its type. */
    private void expand(int type, int u, int fanout, int hop) {
        NodeBlockBuilder block = nodeBlocks[type];
        int node = block.globalIds[u];
        int seed = block.seedIndex[u];
        long seedTime = seedTimes[seed];
        for (int e : outEdges[type]) {
            int lo;
            int hi;
            if (oneEdgePerSource[e]) {
                lo = node;
                hi = node + 1;
            } else {
                lo = offsets[e][node];
                hi = offsets[e][node + 1];
            }
            long[] times = edgeTimes[e];
            if (times != null && !edgesVisibleWithSource[e]) {
                hi = endAtOrBefore(times, lo, hi, seedTime);
            }
            if (lo == hi) {
                continue;
            }
            if (checkTargetTime[e]) {
                expandFiltered(e, lo, hi, u, seed, seedTime, fanout, hop);
            } else {
                expandRange(e, lo, hi, u, seed, seedTime, fanout, hop);
            }
        }
    }

    /** All positions lo..hi-1 are valid neighbours. */
    private void expandRange(int e, int lo, int hi, int u, int seed, long seedTime, int fanout, int hop) {
        int m = hi - lo;
        if (m <= fanout) {
            for (int p = lo; p < hi; p++) {
                emit(e, p, u, seed, seedTime, hop);
            }
        } else if (config.strategy() == SamplerConfig.Strategy.MOST_RECENT) {
            for (int p = hi - fanout; p < hi; p++) {
                emit(e, p, u, seed, seedTime, hop);
            }
        } else {
            int k = pickUniform(seed, m, fanout);
            for (int i = 0; i < k; i++) {
                emit(e, lo + picks[i], u, seed, seedTime, hop);
            }
        }
    }

    /** Some targets in lo..hi-1 may be later than the seed time although their edge is not; skip those. */
    private void expandFiltered(int e, int lo, int hi, int u, int seed, long seedTime, int fanout, int hop) {
        long[] targetTimes = nodeTimes[dstType[e]];
        int[] tgt = targets[e];
        if (config.strategy() == SamplerConfig.Strategy.MOST_RECENT) {
            int taken = 0;
            ensureCandidates(fanout);
            for (int p = hi - 1; p >= lo && taken < fanout; p--) {
                if (targetTimes[tgt[p]] <= seedTime) {
                    candidates[taken++] = p;
                }
            }
            for (int i = taken - 1; i >= 0; i--) {
                emit(e, candidates[i], u, seed, seedTime, hop);
            }
            return;
        }
        ensureCandidates(hi - lo);
        int m = 0;
        for (int p = lo; p < hi; p++) {
            if (targetTimes[tgt[p]] <= seedTime) {
                candidates[m++] = p;
            }
        }
        if (m <= fanout) {
            for (int i = 0; i < m; i++) {
                emit(e, candidates[i], u, seed, seedTime, hop);
            }
            return;
        }
        int k = pickUniform(seed, m, fanout);
        for (int i = 0; i < k; i++) {
            emit(e, candidates[picks[i]], u, seed, seedTime, hop);
        }
    }

    private void emit(int e, int position, int dstLocal, int seed, long seedTime, int hop) {
        int neighbour = targets[e][position];
        int type = dstType[e];
        long rel;
        if (targetTimeOnEdge[e]) {
            rel = seedTime - edgeTimes[e][position];
        } else {
            long[] times = nodeTimes[type];
            rel = times == null ? 0 : seedTime - times[neighbour];
        }
        int srcLocal = nodeBlocks[type].add(neighbour, rel, seed, hop);
        edgeBlocks[e].add(srcLocal, dstLocal);
    }

    /** Fills {@code picks[0..k)} with k distinct indices drawn uniformly from [0, m), k < m; returns k. */
    private int pickUniform(int seed, int m, int k) {
        if (picks.length < k) {
            picks = new int[Math.max(k, picks.length * 2)];
        }
        if (k <= FLOYD_MAX_PICKS) {
            int n = 0;
            for (int j = m - k; j < m; j++) {
                int r = nextInt(seed, j + 1);
                boolean taken = false;
                for (int i = 0; i < n; i++) {
                    if (picks[i] == r) {
                        taken = true;
                        break;
                    }
                }
                picks[n++] = taken ? j : r;
            }
            return n;
        }
        // Selection sampling (Knuth's Algorithm S): one pass, no duplicate checks, O(m).
        int n = 0;
        for (int i = 0; i < m && n < k; i++) {
            if (nextInt(seed, m - i) < k - n) {
                picks[n++] = i;
            }
        }
        return n;
    }

    private void ensureCandidates(int n) {
        if (candidates.length < n) {
            candidates = new int[Math.max(n, candidates.length * 2)];
        }
    }

    private static int endAtOrBefore(long[] times, int lo, int hi, long t) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Next value in [0, bound) from the seed's SplitMix64 stream (multiply-shift; bias below 2^-32 * bound). */
    private int nextInt(int seed, int bound) {
        long state = rngState[seed] + 0x9E3779B97F4A7C15L;
        rngState[seed] = state;
        return (int) (((mix(state) >>> 32) * bound) >>> 32);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private SampledSubgraph collect(String seedTable, int seedCount) {
        Map<String, SampledNodes> nodes = new LinkedHashMap<>();
        for (int t = 0; t < typeNames.size(); t++) {
            nodes.put(typeNames.get(t), nodeBlocks[t].build(nodeTimes[t] != null));
        }
        Map<EdgeType, SampledEdges> edges = new LinkedHashMap<>();
        for (int e = 0; e < messageTypes.length; e++) {
            edges.put(messageTypes[e], edgeBlocks[e].build());
        }
        return new SampledSubgraph(typeNames.get(typeIndex(seedTable)), seedCount, nodes, edges);
    }

    private int typeIndex(String table) {
        for (int t = 0; t < typeNames.size(); t++) {
            if (typeNames.get(t).equalsIgnoreCase(table)) {
                return t;
            }
        }
        throw new IllegalArgumentException("no table '" + table + "' in the graph; tables are " + typeNames);
    }
}
