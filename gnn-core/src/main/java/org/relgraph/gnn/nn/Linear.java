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
    /**
     * Widest input whose product is accumulated straight into an existing array (bias rows, a running sum): well
     * inside one k-block of the OpenBLAS sgemm/dgemm kernels ND4J uses (a few hundred), so the product is added to the
     * array once, as a separate add would (see {@link #forwardAddInto}).
     */
    static final int FUSED_MAX_IN = 128;

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
        if (bias == null) {
            return Nd4j.gemm(x, weight.value(), false, false);
        }
        if (x.size(1) > FUSED_MAX_IN || x.size(0) == 0) {
            return Nd4j.gemm(x, weight.value(), false, false).addiRowVector(bias.value());
        }
        // The bias rows first, then the product accumulated onto them (gemm's beta = 1): one native op instead of
        // a gemm that zeroes its output and a broadcast add, with the same bits (see forwardAddInto).
        INDArray y = Matrices.repeatRow(bias.value(), x.size(0));
        return Nd4j.gemm(x, weight.value(), y, false, false, 1.0, 1.0);
    }

    /**
     * {@code into += x·W (+ b)}: the same bits as {@code into.addi(forward(x))} without the product's own array and
     * the add's pass over it, and the same cache for {@link #backward}.
     *
     * <p>Why the bits agree: the gemm accumulates each dot product in registers and adds it to the output once,
     * as {@code fl(out + dot)}; a separate product then add computes {@code fl(0 + dot)} and then
     * {@code fl(out + dot)}, the same rounding. That holds while the inner dimension fits one of OpenBLAS's
     * k-blocks; wider inputs than {@link #FUSED_MAX_IN} take the separate path. {@code LinearFusedTest} checks the bits
     * on the machine it runs on.
     *
     * @param into [rows of x, out], added into in place and returned
     */
    public INDArray forwardAddInto(INDArray x, INDArray into) {
        if (bias != null || x.size(1) > FUSED_MAX_IN || x.size(0) == 0 || !Matrices.isPlainRowMajor(into)
                || into.dataType() != weight.value().dataType()) {
            return into.addi(forward(x));
        }
        input = x;
        return Nd4j.gemm(x, weight.value(), into, false, false, 1.0, 1.0);
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
