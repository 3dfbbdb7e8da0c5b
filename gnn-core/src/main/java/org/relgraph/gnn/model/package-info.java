/**
 * The heterogeneous temporal GNN (GraphSAGE or attention, {@link org.relgraph.gnn.nn.ConvKind}) for node-level
 * predictive queries.
 *
 * <p>Data path: {@link org.relgraph.gnn.model.BatchAssembler} samples each seed's temporal neighbourhood and
 * encodes every sampled row as of its seed's time into a {@link org.relgraph.gnn.model.GraphBatch};
 * {@link org.relgraph.gnn.model.HeteroGnn} maps each node type through an
 * {@link org.relgraph.gnn.model.InputEncoder}, passes messages with
 * {@link org.relgraph.gnn.nn.HeteroStack} and applies a linear head to the seeds;
 * {@link org.relgraph.gnn.model.PredictionHead} turns the head's outputs into a loss and into scores for the
 * query's task. Hyper-parameters: {@link org.relgraph.gnn.model.GnnConfig}.
 */
package org.relgraph.gnn.model;
