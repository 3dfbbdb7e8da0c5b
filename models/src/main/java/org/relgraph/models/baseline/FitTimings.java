package org.relgraph.models.baseline;

/**
 * What the last fit cost.
 *
 * @param featureMillis building the train and val feature matrices
 * @param trainMillis   boosting, including the rounds early stopping needed to be sure
 * @param features      columns of the feature matrix
 * @param rounds        boosting rounds kept (the best iteration + 1)
 */
public record FitTimings(long featureMillis, long trainMillis, int features, int rounds) {
}
