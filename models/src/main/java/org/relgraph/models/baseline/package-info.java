/**
 * Strong flat-table baselines that relgraph's GNN must beat: gradient-boosted trees on point-in-time aggregate
 * features and the same trees on the entity's own columns only (both
 * {@link org.relgraph.models.baseline.GradientBoostedBaseline}), and the transparent rule a bank runs today
 * ({@link org.relgraph.models.baseline.RulesPredictor}), all behind {@link org.relgraph.models.baseline.TabularPredictor}.
 */
package org.relgraph.models.baseline;
