/** Optimisers updating {@link org.relgraph.gnn.nn.Parameter} values in place from their accumulated gradients. */
package org.relgraph.gnn.optim;
