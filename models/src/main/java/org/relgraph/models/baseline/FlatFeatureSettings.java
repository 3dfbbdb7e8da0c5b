package org.relgraph.models.baseline;

/**
 * {@code flat-xgboost}'s own settings in a {@link org.relgraph.models.TrainingRequest}.
 *
 * @param labelHistory whether the entity's own past labels for the query are features
 *                     ({@link org.relgraph.query.LabelHistory}), or null for the default
 *                     ({@link FlatXgboostKind#LABEL_HISTORY_DEFAULT} for BOOL / regression queries)
 */
public record FlatFeatureSettings(Boolean labelHistory) {
    public static final FlatFeatureSettings DEFAULTS = new FlatFeatureSettings(null);
}
