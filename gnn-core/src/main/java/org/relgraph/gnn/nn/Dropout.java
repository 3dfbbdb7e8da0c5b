package org.relgraph.gnn.nn;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training, zeroes each element with probability p and scales survivors by
 * 1/(1-p) so evaluation needs no rescaling. Masks come from a seeded Java RNG, so a given seed and
 * call sequence always drops the same elements.
 */
public final class Dropout extends Layer {
    private final double p;
    private final SplittableRandom rng;
    private INDArray mask; // null means identity (eval mode or p == 0)
    private boolean forwarded;

    public Dropout(double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.rng = new SplittableRandom(seed);
    }

    public double probability() {
        return p;
    }

    @Override
    public INDArray forward(INDArray x) {
        forwarded = true;
        if (!isTraining() || p == 0) {
            mask = null;
            return x;
        }
        mask = sampleMask(x.dataType(), x.shape());
        return x.mul(mask);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (!forwarded) {
            throw backwardBeforeForward(this);
        }
        return mask == null ? gradOut : gradOut.mul(mask);
    }

    private INDArray sampleMask(DataType dtype, long[] shape) {
        INDArray m = Nd4j.createUninitialized(dtype, shape);
        double keep = 1.0 / (1 - p);
        int n = (int) m.length();
        if (dtype == DataType.FLOAT) {
            FloatBuffer b = m.data().asNioFloat();
            for (int i = 0; i < n; i++) {
                b.put(i, rng.nextDouble() < p ? 0f : (float) keep);
            }
        } else if (dtype == DataType.DOUBLE) {
            DoubleBuffer b = m.data().asNioDouble();
            for (int i = 0; i < n; i++) {
                b.put(i, rng.nextDouble() < p ? 0.0 : keep);
            }
        } else {
            throw new IllegalArgumentException("dropout supports FLOAT and DOUBLE, got " + dtype);
        }
        return m;
    }
}
