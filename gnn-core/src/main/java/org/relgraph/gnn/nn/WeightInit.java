package org.relgraph.gnn.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Seeded weight initialisers. Values are drawn in Java from a {@link SplittableRandom} rather than
 * ND4J's RNG so that a seed gives bit-identical weights regardless of backend or thread count.
 */
public enum WeightInit {
    /** Uniform(-a, a) with a = sqrt(6 / (fanIn + fanOut)); keeps activation variance for tanh/linear-ish layers. */
    GLOROT_UNIFORM {
        @Override
        double sample(SplittableRandom rng, int fanIn, int fanOut) {
            double a = Math.sqrt(6.0 / (fanIn + fanOut));
            return (2 * rng.nextDouble() - 1) * a;
        }
    },
    /** Normal(0, 2 / fanIn); keeps activation variance through ReLU. */
    HE_NORMAL {
        @Override
        double sample(SplittableRandom rng, int fanIn, int fanOut) {
            return gaussian(rng) * Math.sqrt(2.0 / fanIn);
        }
    },
    /**
     * Normal(0, 1 / fanOut) for embedding tables ([numCodes, dim]): rows have expected norm 1
     * whatever the vocabulary size, where Glorot would shrink them as the vocabulary grows.
     */
    EMBEDDING_NORMAL {
        @Override
        double sample(SplittableRandom rng, int fanIn, int fanOut) {
            return gaussian(rng) * Math.sqrt(1.0 / fanOut);
        }
    };

    abstract double sample(SplittableRandom rng, int fanIn, int fanOut);

    /** A [fanIn, fanOut] matrix. */
    public INDArray matrix(int fanIn, int fanOut, DataType dtype, SplittableRandom rng) {
        double[] v = new double[fanIn * fanOut];
        for (int i = 0; i < v.length; i++) {
            v[i] = sample(rng, fanIn, fanOut);
        }
        return Nd4j.create(v, new long[] {fanIn, fanOut}, DataType.DOUBLE).castTo(dtype);
    }

    static double gaussian(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian.
        double u1 = 1.0 - rng.nextDouble();
        double u2 = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }
}
