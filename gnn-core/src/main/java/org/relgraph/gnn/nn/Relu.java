package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

public final class Relu extends Layer {
    private INDArray positive; // 1 where x > 0, else 0

    @Override
    public INDArray forward(INDArray x) {
        positive = x.gt(0).castTo(x.dataType());
        return Transforms.relu(x, true);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (positive == null) {
            throw backwardBeforeForward(this);
        }
        return gradOut.mul(positive);
    }
}
