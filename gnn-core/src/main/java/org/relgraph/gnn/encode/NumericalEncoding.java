package org.relgraph.gnn.encode;

import java.util.Arrays;
import java.util.List;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;

/**
 * Robust standardisation of a numerical column: {@code clip((x' - median) / scale, ±clipLimit)} where {@code x'} is
 * the value, or {@code log1p(value)} when {@code logTransform}. Emits the scaled value and a missing flag; a null or
 * non-finite value encodes as 0 (the median) with the flag set.
 *
 * <p>Median and IQR rather than mean and standard deviation because relational tables are full of amounts with a
 * few huge rows, which would squash every ordinary value to ~0. {@code scale = IQR / 1.349} (so normally
 * distributed data ends up with unit spread); when half or more of the values are tied the IQR is 0, and the mean
 * absolute deviation from the median (x 1.2533, same reason) is used; a constant column gets scale 1.
 *
 * <p>log1p is applied when the fit values are all non-negative and their skewness exceeds
 * {@link EncodingConfig#skewThreshold()} (default 2: exponential data has skewness 2, so only heavier right tails
 * such as amounts or counts qualify). At encoding time negative values of such a column (never seen in fitting)
 * are treated as 0 rather than producing NaN.
 *
 * @param fitCount number of non-null values the statistics were computed from
 */
public record NumericalEncoding(String column, boolean logTransform, double median, double scale, double clipLimit,
                                int fitCount) implements NumericColumnEncoding {
    private static final double IQR_TO_SIGMA = 1.349;
    private static final double MEAN_ABS_DEV_TO_SIGMA = 1.2533;

    public NumericalEncoding {
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new IllegalArgumentException("column " + column + ": scale must be positive, got " + scale);
        }
    }

    static NumericalEncoding fit(DoubleColumn values, int[] fitRows, EncodingConfig config) {
        double[] v = new double[fitRows.length];
        int n = 0;
        for (int r : fitRows) {
            double x = values.values()[r];
            if (!values.isNull(r) && Double.isFinite(x)) {
                v[n++] = x;
            }
        }
        v = Arrays.copyOf(v, n);
        if (n == 0) {
            return new NumericalEncoding(values.name(), false, 0, 1, config.clipLimit(), 0);
        }
        boolean log = Arrays.stream(v).min().orElse(0) >= 0 && skewness(v) > config.skewThreshold();
        if (log) {
            for (int i = 0; i < n; i++) {
                v[i] = Log1p.of(v[i]);
            }
        }
        Arrays.sort(v);
        double median = quantile(v, 0.5);
        double scale = (quantile(v, 0.75) - quantile(v, 0.25)) / IQR_TO_SIGMA;
        if (!(scale > 0)) {
            double sumAbs = 0;
            for (double x : v) {
                sumAbs += Math.abs(x - median);
            }
            scale = sumAbs / n * MEAN_ABS_DEV_TO_SIGMA;
        }
        if (!(scale > 0) || !Double.isFinite(scale)) {
            scale = 1;
        }
        return new NumericalEncoding(values.name(), log, median, scale, config.clipLimit(), n);
    }

    /** Linear interpolation between order statistics of sorted values (R's type 7). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Fisher-Pearson skewness; 0 for a constant sample. */
    static double skewness(double[] v) {
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= v.length;
        double m2 = 0;
        double m3 = 0;
        for (double x : v) {
            double d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
        }
        m2 /= v.length;
        m3 /= v.length;
        return m2 > 0 ? m3 / Math.pow(m2, 1.5) : 0;
    }

    @Override
    public SemanticType type() {
        return SemanticType.NUMERICAL;
    }

    @Override
    public List<NumericFeature> features() {
        return List.of(NumericFeature.of(column, FeatureKind.VALUE), NumericFeature.of(column, FeatureKind.MISSING));
    }

    /** The encoded value of a present, finite raw value. */
    public double scaled(double raw) {
        double x = logTransform ? Log1p.of(Math.max(raw, 0)) : raw;
        double z = (x - median) / scale;
        return Math.max(-clipLimit, Math.min(clipLimit, z));
    }

    @Override
    public NumericColumnWriter bind(Column column) {
        DoubleColumn c = (DoubleColumn) column;
        double[] values = c.values();
        return (rows, seedTimesMs, out, stride, offset) -> {
            for (int i = 0; i < rows.length; i++) {
                int r = rows[i];
                double x = values[r];
                int at = i * stride + offset;
                if (c.isNull(r) || !Double.isFinite(x)) {
                    out[at + 1] = 1f;
                } else {
                    out[at] = (float) scaled(x);
                }
            }
        };
    }
}
