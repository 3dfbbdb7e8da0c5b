package org.relgraph.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.graph.TemporalCsr;
import org.relgraph.testdata.RandomDatabases;

/**
 * Checks the sampler against its contract on many random databases, seeds, times and configs: nothing from
 * after a seed's time, every sampled edge real, exactly min(fanout, visible) neighbours per node and edge type,
 * and MOST_RECENT taking the latest.
 */
class TemporalNeighborSamplerPropertyTest {

    @Test
    void neverLeaksTheFutureAndSamplesExactlyWhatIsVisible() {
        long totalEdges = 0;
        for (int round = 0; round < 200; round++) {
            Random rnd = new Random(round);
            HeteroGraph graph = HeteroGraph.build(RandomDatabases.generate(rnd));
            String seedType = graph.nodeTypes().get(rnd.nextInt(graph.nodeTypes().size()));
            int[] fanouts = new int[1 + rnd.nextInt(3)];
            for (int h = 0; h < fanouts.length; h++) {
                fanouts[h] = rnd.nextInt(5);
            }
            SamplerConfig config = new SamplerConfig(fanouts,
                    SamplerConfig.Strategy.values()[rnd.nextInt(2)], rnd.nextLong());
            List<Integer> nodes = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            long[] seedTypeTimes = graph.nodeTimes(seedType);
            for (int i = 0; i < 1 + rnd.nextInt(20) && graph.nodeCount(seedType) > 0; i++) {
                int node = rnd.nextInt(graph.nodeCount(seedType));
                long base = seedTypeTimes == null ? RandomDatabases.T0 - 5_000 : seedTypeTimes[node];
                if (base == Long.MAX_VALUE) {
                    continue;
                }
                nodes.add(node);
                times.add(base + 1000L * rnd.nextInt(60));
            }
            int[] seedNodes = nodes.stream().mapToInt(Integer::intValue).toArray();
            long[] seedTimes = times.stream().mapToLong(Long::longValue).toArray();

            SampledSubgraph sub = new TemporalNeighborSampler(graph, config).sample(seedType, seedNodes, seedTimes);
            String context = "round " + round + ", " + config + ", seeds of " + seedType;
            checkContract(graph, config, sub, seedType, seedNodes, seedTimes, context);
            totalEdges += sub.edgeCount();
        }
        assertTrue(totalEdges > 1000, "the random cases should sample edges, got " + totalEdges);
    }

    private static void checkContract(HeteroGraph graph, SamplerConfig config, SampledSubgraph sub, String seedType,
                                      int[] seedNodes, long[] seedTimes, String context) {
        assertEquals(seedNodes.length, sub.seedCount(), context);
        SampledNodes seeds = sub.nodes(seedType);
        for (int i = 0; i < seedNodes.length; i++) {
            assertEquals(seedNodes[i], seeds.globalIds()[i], context + " seed " + i);
            assertEquals(i, seeds.seedIndex()[i], context);
            assertEquals(0, seeds.hop()[i], context);
        }
        for (String type : graph.nodeTypes()) {
            SampledNodes n = sub.nodes(type);
            // Breadth-first prefixes: the nodes within d hops are exactly local ids 0 .. withinHops(d)-1.
            assertEquals(config.hops() + 1, n.hopEnds().length, context);
            assertEquals(n.size(), n.withinHops(config.hops()), context);
            for (int local = 0; local < n.size(); local++) {
                for (int d = 0; d <= config.hops(); d++) {
                    assertEquals(n.hop()[local] <= d, local < n.withinHops(d), context + " node prefix " + d);
                }
            }
            long[] nodeTimes = graph.nodeTimes(type);
            assertEquals(nodeTimes != null, n.timed(), context + " " + type);
            for (int local = 0; local < n.size(); local++) {
                long seedTime = seedTimes[n.seedIndex()[local]];
                if (nodeTimes == null) {
                    assertEquals(0, n.relativeTime()[local], context);
                    continue;
                }
                long nodeTime = nodeTimes[n.globalIds()[local]];
                if (nodeTime > seedTime) {
                    fail(context + ": " + type + " row " + n.globalIds()[local] + " at " + nodeTime
                            + " leaked into the subgraph of a seed at " + seedTime);
                }
                assertEquals(seedTime - nodeTime, n.relativeTime()[local], context);
            }
        }

        int[][] parentEdges = new int[graph.nodeTypes().size()][];
        for (int t = 0; t < parentEdges.length; t++) {
            parentEdges[t] = new int[sub.nodes(graph.nodeTypes().get(t)).size()];
        }
        for (EdgeType message : sub.edgeTypes()) {
            EdgeType walked = graph.reverse(message);
            TemporalCsr csr = graph.csr(walked);
            SampledNodes srcNodes = sub.nodes(message.srcTable());
            SampledNodes dstNodes = sub.nodes(message.dstTable());
            SampledEdges edges = sub.edges(message);
            List<Set<Integer>> picked = new ArrayList<>();
            for (int i = 0; i < dstNodes.size(); i++) {
                picked.add(new HashSet<>());
            }
            for (int i = 0; i < edges.size(); i++) {
                int src = edges.srcLocal()[i];
                int dst = edges.dstLocal()[i];
                int seed = dstNodes.seedIndex()[dst];
                assertEquals(seed, srcNodes.seedIndex()[src], context + " edge crosses seeds");
                assertEquals(dstNodes.hop()[dst] + 1, srcNodes.hop()[src], context + " hop");
                // Breadth-first prefixes: edge i is within the prefix of every hop at or past its destination's.
                for (int d = 0; d <= config.hops(); d++) {
                    assertEquals(dstNodes.hop()[dst] <= d, i < edges.dstWithinHops(d), context + " edge prefix " + d);
                }
                int position = positionOf(csr, dstNodes.globalIds()[dst], srcNodes.globalIds()[src]);
                if (position < 0) {
                    fail(context + ": sampled edge " + walked + " " + dstNodes.globalIds()[dst] + " -> "
                            + srcNodes.globalIds()[src] + " is not in the graph");
                }
                if (csr.time(position) > seedTimes[seed]) {
                    fail(context + ": edge at " + csr.time(position) + " leaked into seed at " + seedTimes[seed]);
                }
                assertTrue(picked.get(dst).add(position), context + " neighbour sampled twice");
                parentEdges[graph.nodeTypes().indexOf(message.srcTable())][src]++;
            }
            long[] neighbourTimes = graph.nodeTimes(walked.dstTable());
            for (int dst = 0; dst < dstNodes.size(); dst++) {
                int hop = dstNodes.hop()[dst];
                long seedTime = seedTimes[dstNodes.seedIndex()[dst]];
                int node = dstNodes.globalIds()[dst];
                List<Integer> visible = new ArrayList<>();
                for (int p = csr.start(node); p < csr.end(node); p++) {
                    boolean neighbourKnown = neighbourTimes == null || neighbourTimes[csr.target(p)] <= seedTime;
                    if (csr.time(p) <= seedTime && neighbourKnown) {
                        visible.add(p);
                    }
                }
                int fanout = hop < config.hops() ? config.fanout(hop) : 0;
                Set<Integer> got = picked.get(dst);
                assertEquals(Math.min(fanout, visible.size()), got.size(), context + " count for " + walked
                        + " from row " + node + " at hop " + hop);
                if (config.strategy() == SamplerConfig.Strategy.MOST_RECENT) {
                    Set<Integer> latest = new HashSet<>(visible.subList(visible.size() - got.size(), visible.size()));
                    assertEquals(latest, got, context + " MOST_RECENT must take the latest visible edges");
                }
            }
        }
        for (int t = 0; t < parentEdges.length; t++) {
            SampledNodes n = sub.nodes(graph.nodeTypes().get(t));
            for (int local = 0; local < n.size(); local++) {
                int expected = n.hop()[local] == 0 ? 0 : 1;
                assertEquals(expected, parentEdges[t][local], context + " every sampled node hangs off one edge");
            }
        }
    }

    private static int positionOf(TemporalCsr csr, int node, int target) {
        for (int p = csr.start(node); p < csr.end(node); p++) {
            if (csr.target(p) == target) {
                return p;
            }
        }
        return -1;
    }
}
