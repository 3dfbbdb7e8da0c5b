package org.relgraph.models.explain;

/**
 * Some of a model's features of the explained output (e.g. a ranker's counts of the customer's history with the
 * explained action, {@link org.relgraph.gnn.explain.Explanation#outputFeatures}) read as one reason.
 *
 * @param table       the table the counted rows come from
 * @param column      the column they are matched on (null for the whole action)
 * @param description what the group is, in the data's words, counts included, e.g. {@code with this offer (Credit
 *                    Card): 2 accepted, 3 not in the sampled history}
 * @param rows        how many sampled rows it counts
 * @param features    indices of the features whose attributions the reason sums
 */
public record ActionFeatureGroup(String table, String column, String description, int rows, int[] features) {
}
