package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** GELU, tanh approximation: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). */
public final class Gelu extends Layer {
    private static final double C = Math.sqrt(2.0 / Math.PI);
    private static final double K = 0.044715;
    private INDArray input;
    private INDArray tanh;

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        INDArray x3 = x.mul(x).muli(x);
        tanh = Transforms.tanh(x3.muli(K).addi(x).muli(C), false);
        return tanh.add(1).muli(x).muli(0.5);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (input == null) {
            throw backwardBeforeForward(this);
        }
        // d/dx = 0.5(1 + t) + 0.5·x·(1 - t²)·C·(1 + 3K·x²)
        INDArray x2 = input.mul(input);
        INDArray inner = x2.muli(3 * K).addi(1).muli(C);
        INDArray sech2 = tanh.mul(tanh).rsubi(1);
        INDArray d = sech2.muli(inner).muli(input).muli(0.5).addi(tanh.add(1).muli(0.5));
        return d.muli(gradOut);
    }
}
