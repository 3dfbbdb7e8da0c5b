package org.relgraph.gnn.nn.loss;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A mean loss over a batch and its gradient w.r.t. the predictions it was computed from. */
public record LossValue(double value, INDArray gradient) {}
