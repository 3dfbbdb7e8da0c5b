package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A ranking loss and its gradients w.r.t. each of its three inputs: entity [n, d],
 * positive [n, d] and negatives [n, k, d].
 */
public record RankingLossValue(double value, INDArray entityGradient, INDArray positiveGradient,
                               INDArray negativesGradient) {}
