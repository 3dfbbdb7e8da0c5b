/**
 * Models that combine other models' calibrated outputs: {@code gnn-ensemble} (k GNNs trained with seeds
 * seed, seed+1, …, averaged) and {@code gnn-xgb-blend} (a GNN and flat XGBoost, weighted by a weight chosen on
 * validation). Both are one bundle whose members are ordinary bundles in sub-folders ({@link AveragedModel}).
 */
package org.relgraph.models.ensemble;
