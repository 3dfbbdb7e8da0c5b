package org.relgraph.gnn.nn;

import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A trainable tensor and the gradient accumulated for it since the last {@link #zeroGrad()}.
 *
 * <p>Gradients accumulate (rather than overwrite) because one parameter can be used several times
 * in a step, e.g. a shared weight reached through two edge types.
 */
public final class Parameter {
    private final String name;
    private final INDArray value;
    private final INDArray grad;

    public Parameter(String name, INDArray value) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        this.grad = value.ulike();
        this.grad.assign(0);
    }

    public String name() {
        return name;
    }

    /** The live value; the optimizer updates it in place. */
    public INDArray value() {
        return value;
    }

    public INDArray grad() {
        return grad;
    }

    public void accumulateGrad(INDArray g) {
        grad.addi(g);
    }

    public void zeroGrad() {
        // One memset rather than an assign op: zeroing the ~100 gradients of a model every step added up.
        Nd4j.getMemoryManager().memset(grad);
    }

    public long size() {
        return value.length();
    }

    @Override
    public String toString() {
        return name + java.util.Arrays.toString(value.shape());
    }
}
