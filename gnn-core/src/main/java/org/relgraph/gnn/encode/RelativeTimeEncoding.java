package org.relgraph.gnn.encode;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Features of how long before its seed a sampled node became known ({@code relativeTime = seed time - node time}),
 * so a GNN can weigh last week's transaction differently from last year's.
 *
 * <p>Per node, {@value #WIDTH} features: {@code log1p(days)} (monotone in age; the log keeps decades within ~10),
 * then sin and cos of {@code 2π·days/P} for periods P = 1, 7, 30 and 365 days (time of day, weekly, monthly and
 * yearly rhythms relative to the seed), then a static flag. Nodes of a static table have no time: all zeros and
 * the flag 1.
 */
public final class RelativeTimeEncoding {
    private static final double[] PERIOD_DAYS = {1, 7, 30, 365};
    public static final int WIDTH = 2 + 2 * PERIOD_DAYS.length;
    private static final double MS_PER_DAY = 86_400_000.0;

    private RelativeTimeEncoding() {
    }

    /** Names of the {@value #WIDTH} features, in column order. */
    public static List<String> featureNames() {
        List<String> names = new ArrayList<>(WIDTH);
        names.add("age (days, log1p)");
        for (double p : PERIOD_DAYS) {
            names.add("age " + (int) p + "d-cycle sin");
            names.add("age " + (int) p + "d-cycle cos");
        }
        names.add("static node");
        return names;
    }

    /**
     * Encodes nodes of a temporal table: {@code [n, WIDTH]} float32.
     *
     * @throws IllegalArgumentException when a relative time is negative: that node became known after its seed,
     *                                  so using it would leak the future; the sampler must not return it
     */
    public static INDArray encode(long[] relativeTimeMs) {
        int n = relativeTimeMs.length;
        float[] out = new float[n * WIDTH];
        write(relativeTimeMs, out, WIDTH, 0);
        return FloatRows.matrix(out, n, WIDTH);
    }

    /** Encodes {@code n} nodes of a static table: zeros and the static flag. */
    public static INDArray encodeStatic(int n) {
        float[] out = new float[n * WIDTH];
        writeStatic(n, out, WIDTH, 0);
        return FloatRows.matrix(out, n, WIDTH);
    }

    /**
     * As {@link #encode}, writing node {@code i}'s {@value #WIDTH} features at {@code out[i * stride + offset]}.
     *
     * @throws IllegalArgumentException when a relative time is negative (see {@link #encode})
     */
    public static void write(long[] relativeTimeMs, float[] out, int stride, int offset) {
        for (int i = 0; i < relativeTimeMs.length; i++) {
            long rel = relativeTimeMs[i];
            if (rel < 0) {
                throw new IllegalArgumentException("node " + i + " has relative time " + rel + " ms: it is later "
                        + "than its seed time, which leaks the future; the temporal sampler must only return "
                        + "nodes with time <= seed time");
            }
            double days = rel / MS_PER_DAY;
            int at = i * stride + offset;
            out[at++] = (float) Log1p.of(days);
            for (double p : PERIOD_DAYS) {
                double angle = 2 * Math.PI * days / p;
                out[at++] = (float) Math.sin(angle);
                out[at++] = (float) Math.cos(angle);
            }
            out[at] = 0f;
        }
    }

    /** As {@link #encodeStatic}, writing node {@code i}'s features at {@code out[i * stride + offset]}. */
    public static void writeStatic(int n, float[] out, int stride, int offset) {
        for (int i = 0; i < n; i++) {
            int at = i * stride + offset;
            java.util.Arrays.fill(out, at, at + WIDTH - 1, 0f);
            out[at + WIDTH - 1] = 1f;
        }
    }
}
