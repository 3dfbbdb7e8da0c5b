package org.relgraph.sampling;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.graph.EdgeType;

/**
 * The union of the per-seed subgraphs of one batch, as compact arrays for message passing. Seeds' subgraphs
 * are disjoint: a row reached from two seeds appears twice, each copy timed relative to its own seed.
 *
 * <p>Every node type and every edge type of the graph is present, possibly empty, so a model sees a fixed
 * set of types. The seeds are local nodes {@code 0 .. seedCount-1} of {@code seedType}, in input order.
 *
 * <p><b>Edge direction.</b> Edges are keyed by the direction messages flow: from the sampled neighbour (src)
 * to the node that sampled it (dst). A customer seed that sampled its transactions by walking
 * {@code customers -[rev_customer_id]-> transactions} yields edges of type
 * {@code transactions -[customer_id]-> customers}, with {@code srcLocal} indexing transactions and
 * {@code dstLocal} indexing customers.
 */
public record SampledSubgraph(String seedType, int seedCount, Map<String, SampledNodes> nodes,
                              Map<EdgeType, SampledEdges> edges) {
    public SampledSubgraph {
        // Insertion-ordered copies: Map.copyOf would iterate in a per-JVM random order.
        nodes = Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
        edges = Collections.unmodifiableMap(new LinkedHashMap<>(edges));
    }

    public SampledNodes nodes(String nodeType) {
        SampledNodes n = nodes.get(nodeType);
        if (n == null) {
            throw new IllegalArgumentException("no node type '" + nodeType + "'; node types are " + nodes.keySet());
        }
        return n;
    }

    public SampledEdges edges(EdgeType messageType) {
        SampledEdges e = edges.get(messageType);
        if (e == null) {
            throw new IllegalArgumentException("no edge type " + messageType + "; edge types are "
                    + edges.keySet());
        }
        return e;
    }

    public List<EdgeType> edgeTypes() {
        return List.copyOf(edges.keySet());
    }

    public long nodeCount() {
        return nodes.values().stream().mapToLong(SampledNodes::size).sum();
    }

    public long edgeCount() {
        return edges.values().stream().mapToLong(SampledEdges::size).sum();
    }
}
