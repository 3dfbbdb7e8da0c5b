/**
 * Training and inference of a {@link org.relgraph.gnn.model.HeteroGnn}: {@link org.relgraph.gnn.train.Trainer}
 * (seeded mini-batches with the next batch assembled in the background, Adam, per-epoch validation with
 * {@link org.relgraph.gnn.train.ValidationMetric}, early stopping that restores the best
 * {@link org.relgraph.gnn.train.WeightCheckpoint}), progress callbacks through
 * {@link org.relgraph.gnn.train.TrainingListener}, and examples as {@link org.relgraph.gnn.train.LabeledSeeds}.
 */
package org.relgraph.gnn.train;
