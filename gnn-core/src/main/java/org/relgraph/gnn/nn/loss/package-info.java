/**
 * Losses returning the mean value and the gradient w.r.t. their inputs, ready to feed a layer's
 * {@code backward}: binary cross-entropy with logits, L1, L2, softmax cross-entropy, and the
 * ranking losses (sampled softmax, BPR) over dot-product scores.
 */
package org.relgraph.gnn.nn.loss;
