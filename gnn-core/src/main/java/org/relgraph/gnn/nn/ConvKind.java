package org.relgraph.gnn.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The per-edge-type convolutions a model can be built with ({@code --conv}). Adding one: implement
 * {@link RelationConv}, add a constant here that creates it, and give it a finite-difference gradient test.
 */
public enum ConvKind {
    /** GraphSAGE: a sum or mean of the sampled neighbours, one linear map per edge type ({@link SageConv}). */
    SAGE,
    /**
     * Attention over the sampled neighbours of each edge type, the neighbour's age in the score ({@link GatConv});
     * one head. {@link Aggregation} does not apply: the attention coefficients sum to 1 per destination.
     */
    GAT;

    /**
     * @param name        prefix of the convolution's parameter names, unique per layer and edge type
     * @param aggregation how SAGE combines neighbours; ignored by GAT
     */
    public RelationConv create(String name, int in, int out, Aggregation aggregation, DataType dtype,
                               SplittableRandom rng) {
        return switch (this) {
            case SAGE -> new SageConv(name, in, out, aggregation, dtype, rng);
            case GAT -> new GatConv(name, in, out, dtype, rng);
        };
    }

    /** Whether the convolution reads each source row's relative time (see {@link RelationConv#forward}). */
    public boolean readsTime() {
        return this == GAT;
    }
}
