/**
 * Neural-network building blocks with hand-written backward passes, in the style of PyTorch
 * Geometric. The layer seam: a {@link org.relgraph.gnn.nn.RelationConv} per edge type
 * ({@link org.relgraph.gnn.nn.SageConv}, {@link org.relgraph.gnn.nn.GatConv}; chosen by
 * {@link org.relgraph.gnn.nn.ConvKind}), applied and summed per destination type by
 * {@link org.relgraph.gnn.nn.HeteroConv}; each node type's root transform, norm, activation, dropout and residual in a
 * {@link org.relgraph.gnn.nn.NodeUpdate}; both composed by {@link org.relgraph.gnn.nn.HeteroLayer}, layers by
 * {@link org.relgraph.gnn.nn.HeteroStack} (which also trims each layer to the hops it needs).
 *
 * <p>Why not SameDiff: its backprop fails on graphs with more than one {@code gather}, and
 * {@code gatherNd} has no gradient. Every layer here therefore implements {@code forward} (caching
 * what it needs) and {@code backward} (returning the input gradient and adding parameter gradients
 * into {@link org.relgraph.gnn.nn.Parameter#grad()}), checked against finite differences in tests.
 *
 * <p>Graph ops (gather, segment sums) and row-wise layers (LayerNorm, ReLU, dropout) are Java loops
 * over the arrays' off-heap buffers, chunked by row count only, so results do not depend on the
 * number of threads. Matmuls stay in ND4J. On a contended machine run with
 * {@code OMP_NUM_THREADS=1} (see {@link org.relgraph.gnn.nn.ThroughputProbe}).
 */
package org.relgraph.gnn.nn;
