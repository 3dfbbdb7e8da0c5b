package org.relgraph.gnn.explain;

import java.util.LinkedHashMap;
import java.util.Map;
import org.relgraph.gnn.nn.EdgeIndex;
import org.relgraph.gnn.nn.EdgeKey;

/**
 * Integrated-gradients attribution of one seed's raw output to the edges of its sampled subgraph (see
 * {@link IntegratedGradients#explainEdges}).
 *
 * @param inputOutput    f with every edge (the model's prediction)
 * @param baselineOutput f with no edge: the seed's own row alone
 * @param edges          the subgraph's edges, by type
 * @param attributions   per edge type, per edge in {@code edges} order
 */
public record EdgeExplanation(int outputIndex, int steps, double inputOutput, double baselineOutput,
                              Map<EdgeKey, EdgeIndex> edges, Map<EdgeKey, double[]> attributions) {
    public EdgeExplanation {
        edges = Map.copyOf(edges);
        Map<EdgeKey, double[]> copy = new LinkedHashMap<>();
        attributions.forEach((k, v) -> copy.put(k, v.clone()));
        attributions = copy;
    }

    public double attributionSum() {
        return attributions.values().stream().flatMapToDouble(java.util.Arrays::stream).sum();
    }

    /** |Σ attributions − (f(input) − f(baseline))|. */
    public double completenessDelta() {
        return Math.abs(attributionSum() - (inputOutput - baselineOutput));
    }

    /**
     * Per local node of {@code type}, the attribution of the edges whose messages leave it: how much that
     * neighbour row's being connected moved the output.
     */
    public double[] outgoing(String type, int nodes) {
        double[] out = new double[nodes];
        for (Map.Entry<EdgeKey, EdgeIndex> e : edges.entrySet()) {
            if (!e.getKey().srcType().equals(type)) {
                continue;
            }
            double[] a = attributions.get(e.getKey());
            int[] src = e.getValue().src();
            for (int i = 0; i < src.length; i++) {
                out[src[i]] += a[i];
            }
        }
        return out;
    }
}
