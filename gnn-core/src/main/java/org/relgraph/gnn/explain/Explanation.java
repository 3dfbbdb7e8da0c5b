package org.relgraph.gnn.explain;

import java.util.List;

/**
 * Integrated-gradients attribution of one seed's raw model output (the logit for a binary task).
 *
 * @param outputIndex    which column of the model output was explained
 * @param steps          intervals of the path integral's final grid (more than asked where it was refined)
 * @param inputOutput    f(input), the model's output for the seed
 * @param baselineOutput f(baseline), its output at {@link AttributionBaseline}
 * @param nodes          every sampled node, by type then local index
 * @param outputFeatures the model's {@link org.relgraph.gnn.model.DifferentiableGnn#outputFeatures features of the
 *                       explained output} (e.g. a ranker's log1p counts of the seed's history with the explained
 *                       action), integrated from 0; empty when the model has none
 * @param outputFeatureAttributions their attributions, one per feature
 */
public record Explanation(int outputIndex, int steps, double inputOutput, double baselineOutput,
                          List<NodeAttribution> nodes, double[] outputFeatures, double[] outputFeatureAttributions) {
    public Explanation {
        nodes = List.copyOf(nodes);
        if (outputFeatures.length != outputFeatureAttributions.length) {
            throw new IllegalArgumentException(outputFeatures.length + " output features, "
                    + outputFeatureAttributions.length + " attributions");
        }
    }

    /** An explanation of a model without output features. */
    public Explanation(int outputIndex, int steps, double inputOutput, double baselineOutput,
                       List<NodeAttribution> nodes) {
        this(outputIndex, steps, inputOutput, baselineOutput, nodes, new double[0], new double[0]);
    }

    /** Σ of every attribution: the nodes' and the output features'. */
    public double attributionSum() {
        return nodes.stream().mapToDouble(NodeAttribution::total).sum() + outputFeatureAttributionSum();
    }

    public double outputFeatureAttributionSum() {
        double sum = 0;
        for (double v : outputFeatureAttributions) {
            sum += v;
        }
        return sum;
    }

    /**
     * |Σ attributions − (f(input) − f(baseline))|: zero for the exact integral, so it measures the error of the
     * {@code steps}-interval approximation (and of float arithmetic).
     */
    public double completenessDelta() {
        return Math.abs(attributionSum() - (inputOutput - baselineOutput));
    }

    /** The attributions of node {@code localIndex} of {@code type}. */
    public NodeAttribution node(String type, int localIndex) {
        return nodes.stream().filter(n -> n.type().equals(type) && n.localIndex() == localIndex).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + localIndex + " of type '" + type + "'"));
    }
}
