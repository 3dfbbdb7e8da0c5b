package org.relgraph.gnn.nn;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Normalises each row to zero mean and unit variance, then applies a learned per-feature gain and shift. */
public final class LayerNorm extends Layer {
    private final Parameter gain;
    private final Parameter shift;
    private final double eps;
    private INDArray normalized; // x̂
    private INDArray invStd; // [n, 1]

    public LayerNorm(String name, int dim, double eps, DataType dtype) {
        this.gain = addParameter(new Parameter(name + ".gain", Nd4j.ones(dtype, 1, dim)));
        this.shift = addParameter(new Parameter(name + ".shift", Nd4j.zeros(dtype, 1, dim)));
        this.eps = eps;
    }

    public LayerNorm(String name, int dim, DataType dtype) {
        this(name, dim, 1e-5, dtype);
    }

    @Override
    public INDArray forward(INDArray x) {
        INDArray centered = x.subColumnVector(x.mean(true, 1));
        INDArray variance = centered.mul(centered).mean(true, 1);
        invStd = Transforms.pow(variance.addi(eps), -0.5, false);
        normalized = centered.muliColumnVector(invStd);
        return normalized.mulRowVector(gain.value()).addiRowVector(shift.value());
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (normalized == null) {
            throw backwardBeforeForward(this);
        }
        gain.accumulateGrad(gradOut.mul(normalized).sum(true, 0));
        shift.accumulateGrad(gradOut.sum(true, 0));
        // dx = invStd * (g - mean(g) - x̂ * mean(g * x̂)), with g = dy * gain, means over the row.
        INDArray g = gradOut.mulRowVector(gain.value());
        INDArray meanG = g.mean(true, 1);
        INDArray meanGx = g.mul(normalized).mean(true, 1);
        return g.subiColumnVector(meanG).subi(normalized.mulColumnVector(meanGx)).muliColumnVector(invStd);
    }
}
