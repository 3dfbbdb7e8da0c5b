package org.relgraph.gnn.train;

/** Per-example loss weights for {@link Trainer#fit}. */
public final class ExampleWeights {
    private static final double DAY_MS = 86_400_000.0;

    private ExampleWeights() {
    }

    /**
     * Recency weights: example i weighs {@code 0.5^((latest - anchor_i) / halfLife)}, {@code latest} the latest
     * anchor given, scaled so the weights average 1 (the loss keeps its scale, so the learning rate means the same).
     * Newer examples count more: for data whose patterns drift, the recent past is the better guide to the future.
     *
     * @param anchorsMs    each example's anchor time, epoch ms
     * @param halfLifeDays the age in days at which an example weighs half as much as the newest
     */
    public static double[] recency(long[] anchorsMs, double halfLifeDays) {
        if (!(halfLifeDays > 0)) {
            throw new IllegalArgumentException("half-life must be positive, got " + halfLifeDays);
        }
        double[] w = new double[anchorsMs.length];
        if (w.length == 0) {
            return w;
        }
        long latest = Long.MIN_VALUE;
        for (long a : anchorsMs) {
            latest = Math.max(latest, a);
        }
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            w[i] = Math.pow(0.5, (latest - anchorsMs[i]) / DAY_MS / halfLifeDays);
            sum += w[i];
        }
        double scale = w.length / sum;
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return w;
    }
}
