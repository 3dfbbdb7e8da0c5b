/**
 * The GNN as a product: {@link org.relgraph.models.gnn.GnnPredictor} trains, evaluates and scores one predictive
 * query over one database; {@link org.relgraph.models.gnn.ModelBundle} is its checksummed folder on disk.
 */
package org.relgraph.models.gnn;
