package org.relgraph.gnn.nn;

import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

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
    private SplittableRandom rng;
    private boolean[] dropped; // null means identity (eval mode or p == 0)
    private boolean forwarded;

    public Dropout(double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
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
            dropped = null;
            return x;
        }
        RowAccess in = new RowAccess(x);
        int d = in.cols();
        RowChunks chunks = new RowChunks(in.rows(), d);
        long[] chunkSeeds = new long[chunks.count()];
        for (int c = 0; c < chunkSeeds.length; c++) {
            chunkSeeds[c] = rng.nextLong();
        }
        boolean[] mask = new boolean[in.rows() * d];
        chunks.run((chunk, lo, hi) -> {
            SplittableRandom chunkRng = new SplittableRandom(chunkSeeds[chunk]);
            for (int i = lo * d; i < hi * d; i++) {
                mask[i] = chunkRng.nextDouble() < p;
            }
        });
        dropped = mask;
        return applyMask(in);
    }

    @Override
    public INDArray backward(INDArray gradOut) {
        if (!forwarded) {
            throw backwardBeforeForward(this);
        }
        return dropped == null ? gradOut : applyMask(new RowAccess(gradOut));
    }

    private INDArray applyMask(RowAccess in) {
        RowAccess out = RowAccess.allocateLike(in.array());
        int d = in.cols();
        double keepScale = 1.0 / (1 - p);
        boolean[] mask = dropped;
        new RowChunks(in.rows(), d).run((chunk, lo, hi) -> {
            RowAccess.Cursor inC = in.cursor();
            RowAccess.Cursor outC = out.cursor();
            double[] row = new double[d];
            for (int r = lo; r < hi; r++) {
                inC.read(r, row);
                int base = r * d;
                for (int j = 0; j < d; j++) {
                    row[j] = mask[base + j] ? 0.0 : row[j] * keepScale;
                }
                outC.write(r, row);
            }
        });
        return out.array();
    }
}
