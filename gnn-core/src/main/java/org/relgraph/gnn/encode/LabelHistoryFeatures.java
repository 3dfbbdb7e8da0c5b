package org.relgraph.gnn.encode;

import java.util.List;
import org.relgraph.query.LabelHistory;
import org.relgraph.query.TaskType;

/**
 * {@link LabelHistory}'s statistics as inputs of the entity's node, written next to its child summaries: the count
 * as {@code log1p}, the label statistics as the model's own target scale (a BINARY label as it is, a REGRESSION
 * label standardised with the training labels' mean and standard deviation, so a finishing position of 3 reads the
 * same as a predicted one), "windows since" as {@code 0.5^(windows / HALF_LIFE_WINDOWS)} (1 for the newest window,
 * towards 0 for old ones). A missing statistic — no labelled window, no positive — is 0, and the count (0) or the
 * recency (0) says which. Thread-safe, as {@link LabelHistory} is.
 */
public final class LabelHistoryFeatures {
    private final LabelHistory history;
    private final double labelMean;
    private final double labelStd;

    /**
     * @param labelMean for REGRESSION, the training labels' mean (0 for BINARY)
     * @param labelStd  for REGRESSION, their standard deviation (1 for BINARY)
     */
    public LabelHistoryFeatures(LabelHistory history, double labelMean, double labelStd) {
        boolean regression = history.query().taskType() == TaskType.REGRESSION;
        if (regression && !(labelStd > 0)) {
            throw new IllegalArgumentException("label standard deviation must be positive, got " + labelStd);
        }
        this.history = history;
        this.labelMean = regression ? labelMean : 0;
        this.labelStd = regression ? labelStd : 1;
    }

    public int width() {
        return LabelHistory.WIDTH;
    }

    public List<LabelHistory.Statistic> statistics() {
        return history.statistics();
    }

    /** Writes {@code row}'s history as of {@code seedTimeMs} into {@code out[offset .. offset + width)}. */
    public void write(int row, long seedTimeMs, float[] out, int offset) {
        double[] v = history.values(row, seedTimeMs);
        List<LabelHistory.Statistic> statistics = history.statistics();
        for (int k = 0; k < v.length; k++) {
            out[offset + k] = (float) scaled(statistics.get(k), v[k]);
        }
    }

    /** The input value of a raw statistic, as {@link #write} gives it. */
    public double scaled(LabelHistory.Statistic statistic, double raw) {
        return switch (statistic) {
            case COUNT -> Log1p.of(raw);
            case MEAN, LAST, RECENCY_WEIGHTED_MEAN, MIN -> Double.isNaN(raw) ? 0 : (raw - labelMean) / labelStd;
            case WINDOWS_SINCE_LAST, WINDOWS_SINCE_POSITIVE -> Double.isNaN(raw) ? 0
                    : Math.pow(0.5, raw / LabelHistory.HALF_LIFE_WINDOWS);
        };
    }
}
