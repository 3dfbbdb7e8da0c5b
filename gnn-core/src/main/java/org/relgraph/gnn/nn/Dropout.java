package org.relgraph.gnn.nn;

import java.util.SplittableRandom;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Inverted dropout: in training, zeroes each element with probability p and scales survivors by
 * 1/(1-p) so evaluation needs no rescaling.
 *
 * <p>Masks come from a seeded Java RNG: each call draws one seed per fixed-size row chunk from the
 * layer's generator, so a given seed and call sequence drops the same elements whatever the
 * number of threads.
 */
public final class Dropout extends Layer {
    private final double p;
    private final long dropBelow;
    private SplittableRandom rng;
    private INDArray scaledMask; // null means identity (eval mode or p == 0)
    private boolean forwarded;

    public Dropout(double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.dropBelow = Math.round(p * 65536);
        this.rng = new SplittableRandom(seed);
    }

    @Override
    public void reseed(long seed) {
        rng = new SplittableRandom(seed);
    }

    public double probability() {
        return p;
    }

    @Override
    public INDArray forward(INDArray x) {
        forwarded = true;
        if (!isTraining() || p == 0) {
            scaledMask = null;
            return x;
        }
        long rows = x.size(0);
        int d = (int) x.size(1);
        RowChunks chunks = new RowChunks((int) rows, d);
        long[] chunkSeeds = new long[chunks.count()];
        for (int c = 0; c < chunkSeeds.length; c++) {
            chunkSeeds[c] = rng.nextLong();
        }
        // The mask holds 0 or 1/(1-p) in x's type, so forward and backward are each one native multiply; the row
        // loops over x itself that this replaced were the largest Java cost of a training step.
        INDArray mask = Nd4j.createUninitialized(x.dataType(), rows, d);
        boolean asFloat = x.dataType() == DataType.FLOAT;
        FloatBuffer floats = asFloat ? mask.data().asNioFloat() : null;
        DoubleBuffer doubles = asFloat ? null : mask.data().asNioDouble();
        double keepScale = 1.0 / (1 - p);
        chunks.run((chunk, lo, hi) -> {
            SplittableRandom chunkRng = new SplittableRandom(chunkSeeds[chunk]);
            int from = lo * d;
            int n = (hi - lo) * d;
            float[] floatValues = asFloat ? new float[n] : null;
            double[] doubleValues = asFloat ? null : new double[n];
            // Four 16-bit draws per nextLong(): a draw per element was the largest Java cost of a training step.
            // p is thereby rounded to a multiple of 1/65536.
            long bits = 0;
            for (int i = 0; i < n; i++) {
                if ((i & 3) == 0) {
                    bits = chunkRng.nextLong();
                }
                boolean drop = (bits & 0xFFFF) < dropBelow;
                bits >>>= 16;
                if (asFloat) {
                    floatValues[i] = drop ? 0f : (float) keepScale;
                } else {
                    doubleValues[i] = drop ? 0.0 : keepScale;
                }
            }
            if (asFloat) {
                floats.put(from, floatValues);
            } else {
                doubles.put(from, doubleValues);
            }
        });
        scaledMask = mask;
        return x.mul(mask);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (!forwarded) {
            throw backwardBeforeForward(this);
        }
        return scaledMask == null ? gradOut : gradOut.mul(scaledMask);
    }
}
