package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution of one edge type: what the destination rows receive from their sampled source rows. This is the
 * extension point for a new kind of message passing ({@link ConvKind} lists the kinds); {@link HeteroConv} applies
 * one per edge type and {@link HeteroLayer} turns the sum into the layer's output.
 *
 * <p>In PyG's terms an implementation does {@code message} (what flows along each edge, e.g. {@code W·h_src}, or
 * that scaled by an attention coefficient) and {@code aggregate} (how a destination combines its incoming messages),
 * and may transform the result; the node-level {@code update} that follows (root transform, norm, activation,
 * dropout, residual) is shared by every kind and lives in {@link NodeUpdate}.
 *
 * <p>Contract, as for every {@link Module}: {@link #forward} caches what {@link #backward} needs; backward returns
 * the input gradients and adds parameter gradients into {@link Parameter#grad()}. An {@link EdgeIndex#weights()
 * edge weight} w scales the edge's message by w (0 removes the message), and {@link #edgeWeightGradient} reports
 * dLoss/dw after a weighted forward's backward: integrated gradients' edge explanations rely on both.
 */
public abstract class RelationConv extends Module {
    /**
     * Gradients of one relation's forward inputs.
     *
     * @param src     [numSrc, in], dLoss/dxSrc
     * @param dst     [numDst, in], dLoss/dxDst, or null when the convolution does not read the destinations
     * @param srcTime per source row, dLoss/dTime, or null when the convolution does not read times
     */
    public record Gradients(INDArray src, INDArray dst, double[] srcTime) {
    }

    /**
     * @param xSrc    [numSrc, in] the source node type's rows
     * @param xDst    [numDst, in] the destination rows being computed (edges point into [0, numDst))
     * @param srcTime per source row, its relative time (see {@link ConvKind#readsTime()}), or null when the kind does
     *                not read it
     * @param edges   this edge type's edges, possibly weighted
     * @return [numDst, out], what each destination row receives; rows without incoming edges get zeros
     */
    public abstract INDArray forward(INDArray xSrc, INDArray xDst, double[] srcTime, EdgeIndex edges);

    /**
     * {@code sum += forward(...)}, bit for bit, caching the same for {@link #backward}; a kind may override it to
     * write its output straight into {@code sum} instead of into an array of its own that is then added.
     *
     * @param sum [numDst, out], the destination type's running sum, added into in place
     */
    public void forwardAddInto(INDArray xSrc, INDArray xDst, double[] srcTime, EdgeIndex edges, INDArray sum) {
        sum.addi(forward(xSrc, xDst, srcTime, edges));
    }

    /** @param gradOut [numDst, out] dLoss/dOutput of the last {@link #forward} */
    public abstract Gradients backward(INDArray gradOut);

    /**
     * {@link #backward}, offered a running sum of the source type's input gradient ([numSrc, in], a dense array the
     * caller owns) to add dLoss/dxSrc into. A kind that can do so without a [numSrc, in] array of its own returns
     * {@code srcGradSum} itself as {@link Gradients#src()}, meaning "already added"; otherwise it returns its own
     * array for the caller to add. Several relations often share a source type (every relation out of races or
     * drivers on rel-f1), and each own array was a whole source-type matrix, mostly zero rows, kept in the training
     * step's workspace until the step ends: about a fifth of the step's memory there.
     */
    public Gradients backward(INDArray gradOut, INDArray srcGradSum) {
        return backward(gradOut);
    }

    /** After {@link #backward} of a forward with weighted edges: dLoss/dWeight per edge; null otherwise. */
    public abstract double[] edgeWeightGradient();
}
