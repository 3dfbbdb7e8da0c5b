package org.relgraph.gnn.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** y = x·W (+ b), W is [in, out]. */
public final class Linear extends Layer {
    private final Parameter weight;
    private final Parameter bias; // null when disabled
    private INDArray input;

    public Linear(String name, int in, int out, boolean withBias, WeightInit init, DataType dtype, SplittableRandom rng) {
        this.weight = addParameter(new Parameter(name + ".weight", init.matrix(in, out, dtype, rng)));
        this.bias = withBias ? addParameter(new Parameter(name + ".bias", Nd4j.zeros(dtype, 1, out))) : null;
    }

    public Linear(String name, int in, int out, boolean withBias, DataType dtype, SplittableRandom rng) {
        this(name, in, out, withBias, WeightInit.GLOROT_UNIFORM, dtype, rng);
    }

    public Parameter weight() {
        return weight;
    }

    /** @return the bias parameter, or null if this layer has none. */
    public Parameter bias() {
        return bias;
    }

    public int inFeatures() {
        return (int) weight.value().size(0);
    }

    public int outFeatures() {
        return (int) weight.value().size(1);
    }

    @Override
    public INDArray forward(INDArray x) {
        input = x;
        // x.mmul(W) builds an f-ordered result and copies it to c order: 2-3x the time of the gemm itself.
        INDArray y = Nd4j.gemm(x, weight.value(), false, false);
        return bias == null ? y : y.addiRowVector(bias.value());
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (input == null) {
            throw backwardBeforeForward(this);
        }
        weight.accumulateGrad(Nd4j.gemm(input, gradOut, true, false));
        if (bias != null) {
            bias.accumulateGrad(gradOut.sum(true, 0));
        }
        return Nd4j.gemm(gradOut, weight.value(), false, true);
    }
}
