package org.relgraph.gnn.explain;

import java.util.Arrays;

/**
 * The attributions of one sampled node's inputs.
 *
 * @param type        node type (table)
 * @param localIndex  the node's row among its type's nodes in the explained batch
 * @param globalRow   the node's row in its table
 * @param features    per column of {@link org.relgraph.gnn.model.NodeInputs#features()}: the table's numeric
 *                    features in {@link org.relgraph.gnn.encode.FeatureLayout#numeric()} order, then the
 *                    relative-time features ({@link org.relgraph.gnn.encode.RelativeTimeEncoding#featureNames()})
 * @param categorical per categorical column, in {@link org.relgraph.gnn.encode.FeatureLayout#categorical()} order
 */
public record NodeAttribution(String type, int localIndex, int globalRow, double[] features, double[] categorical) {
    public NodeAttribution {
        features = features.clone();
        categorical = categorical.clone();
    }

    @Override
    public double[] features() {
        return features.clone();
    }

    @Override
    public double[] categorical() {
        return categorical.clone();
    }

    public double feature(int column) {
        return features[column];
    }

    public double categorical(int column) {
        return categorical[column];
    }

    /** Sum over all of the node's inputs. */
    public double total() {
        return Arrays.stream(features).sum() + Arrays.stream(categorical).sum();
    }
}
