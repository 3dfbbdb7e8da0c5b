package org.relgraph.gnn.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * GraphSAGE's neighbour term for one edge type: {@code W_e · AGG_e(h_src)} (the message is the source row, the
 * aggregate a sum or mean, then one linear map; the root term {@code W_root · h_dst} is the layer's, per node type).
 *
 * <p>Aggregation is linear, so AGG(h)·W = AGG(h·W): the matmul runs on whichever side has fewer rows (e.g. 512
 * customers rather than the 10240 child rows they fan out to).
 */
public final class SageConv extends RelationConv {
    private final NeighborAggregate aggregate;
    private final Linear weight;
    private boolean transformFirst;

    /** @param name prefix of the parameter names: {@code name.message.weight} */
    public SageConv(String name, int in, int out, Aggregation aggregation, DataType dtype, SplittableRandom rng) {
        aggregate = addChild(new NeighborAggregate(aggregation));
        weight = addChild(new Linear(name + ".message", in, out, false, dtype, rng));
    }

    @Override
    public INDArray forward(INDArray xSrc, INDArray xDst, double[] srcTime, EdgeIndex idx) {
        int numDst = (int) xDst.size(0);
        transformFirst = xSrc.size(0) < numDst;
        if (transformFirst) {
            return aggregate.forward(weight.forward(xSrc), idx.src(), idx.dst(), numDst, idx.weights());
        }
        return weight.forward(aggregate.forward(xSrc, idx.src(), idx.dst(), numDst, idx.weights()));
    }

    /** When the matmul runs last, its product goes straight into {@code sum} ({@link Linear#forwardAddInto}). */
    @Override
    public void forwardAddInto(INDArray xSrc, INDArray xDst, double[] srcTime, EdgeIndex idx, INDArray sum) {
        int numDst = (int) xDst.size(0);
        transformFirst = xSrc.size(0) < numDst;
        if (transformFirst) {
            sum.addi(aggregate.forward(weight.forward(xSrc), idx.src(), idx.dst(), numDst, idx.weights()));
        } else {
            weight.forwardAddInto(aggregate.forward(xSrc, idx.src(), idx.dst(), numDst, idx.weights()), sum);
        }
    }

    @Override
    public Gradients backward(INDArray gradOut) {
        INDArray src = transformFirst ? weight.backward(aggregate.backward(gradOut))
                : aggregate.backward(weight.backward(gradOut));
        return new Gradients(src, null, null);
    }

    @Override
    public Gradients backward(INDArray gradOut, INDArray srcGradSum) {
        if (transformFirst) {
            return backward(gradOut); // the source gradient comes out of a matmul, not a sum over edges
        }
        return new Gradients(aggregate.backwardInto(weight.backward(gradOut), srcGradSum), null, null);
    }

    @Override
    public double[] edgeWeightGradient() {
        return aggregate.weightGradient();
    }
}
