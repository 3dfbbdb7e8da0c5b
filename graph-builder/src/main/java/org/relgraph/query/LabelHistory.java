package org.relgraph.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * An entity's own past labels for its query, as of a time: point-in-time inputs that tell a model the entity's
 * "form" (a driver's past DNFs, top-3 finishes, finishing positions). BINARY and REGRESSION queries only.
 *
 * <h2>Which past labels</h2>
 * For an input time {@code s} (the example's anchor, capped by the input cutoff when there is one) the past
 * anchors are {@code t'_j = s - end - j·Δ} for {@code j = 0 .. WINDOWS-1}, in the window's unit, with
 * {@code Δ = end - start} the query's own step (the spacing of the split planner's anchors): their label windows
 * tile the time before {@code s}, the newest closing exactly at {@code s}. The grid hangs from {@code s} itself,
 * not from a split, so scoring as of any date computes the same inputs as training did, and examples on a common
 * grid (RelBench's anchors, every test example capped at the same cutoff) share their past labels. Each past
 * label is the query's own label at {@code t'_j}, computed by {@link TrainingTableBuilder}: the same entity
 * filter (population conditions included), the same window; an entity with no example there has no label there.
 * Past anchors before the query's data starts (its tables' earliest row, the split planner's rule for train
 * anchors) are skipped: their windows would hold no rows and give every entity a 0 that means nothing.
 *
 * <h2>Leakage rule</h2>
 * A past anchor is used only when every window the query reads from it — the label window and each windowed
 * filter condition — has closed by {@code s} ({@code window.endTime(t') <= s}); rows exactly at {@code s} are
 * history, as for every input. Nothing after the input cutoff is read because {@code s} never passes it.
 *
 * <h2>Statistics</h2>
 * Over the labelled windows among the {@value #WINDOWS} (j = 0 the newest): how many there are; the mean label;
 * the last (newest) label; a recency-weighted mean, weight {@code 0.5^(j / HALF_LIFE_WINDOWS)}; how many windows
 * ago the last label closed ({@code j}); then for BINARY how many windows ago the last positive label closed, for
 * REGRESSION the lowest label. Without a labelled window every statistic but the count is NaN (missing), as is
 * "windows since the last positive" without a positive.
 *
 * <p>Thread-safe: the past labels of each past anchor are computed once, under a lock, and kept.
 */
public final class LabelHistory {
    /** Past windows looked at: about three years of 30-day windows, six years of 60-day ones. */
    public static final int WINDOWS = 36;
    /** The recency-weighted mean halves a label's weight every this many windows. */
    public static final double HALF_LIFE_WINDOWS = 6;
    /** Statistics per (entity, time): the same count for every task type. */
    public static final int WIDTH = 6;

    /** One statistic of the history, in {@link #statistics} order. */
    public enum Statistic {
        COUNT("number of past labelled windows"),
        MEAN("mean of past labels"),
        LAST("last label"),
        RECENCY_WEIGHTED_MEAN("recency-weighted mean of past labels"),
        WINDOWS_SINCE_LAST("windows since the last label"),
        WINDOWS_SINCE_POSITIVE("windows since the last positive label"),
        MIN("lowest past label");

        private final String description;

        Statistic(String description) {
            this.description = description;
        }

        /** E.g. {@code "mean of past labels"}. */
        public String description() {
            return description;
        }

        /** A short name for feature columns, e.g. {@code mean}. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PredictiveQuery query;
    private final TrainingTableBuilder builder;
    private final Long inputCutoffMs;
    private final int entityCount;
    private final List<TimeWindow> windows;
    private final boolean binary;
    /** The earliest row time of the query's tables: a window anchored before it would be labelled from no data. */
    private final long dataStart;
    /** Per past anchor, each entity row's label there, NaN for no example. */
    private final Map<Long, float[]> labelsAt = new ConcurrentHashMap<>();

    /**
     * @param inputCutoffMs the latest time inputs may read whatever the anchor, or null for each example's anchor
     * @throws SchemaException for a query whose labels are not one number (MULTICLASS, RANKING)
     */
    public LabelHistory(Database db, PredictiveQuery query, Long inputCutoffMs) {
        requireSupported(query);
        this.query = query;
        this.builder = new TrainingTableBuilder(db, query);
        this.inputCutoffMs = inputCutoffMs;
        this.entityCount = db.table(query.entityTable()).rowCount();
        this.windows = windowsRead(query);
        this.binary = query.taskType() == TaskType.BINARY;
        QueryTimes times = QueryTimes.of(db, query);
        this.dataStart = times.range().isEmpty() ? Long.MIN_VALUE : times.range().min();
    }

    /** Refuses a query whose label is not one number per example. */
    public static void requireSupported(PredictiveQuery query) {
        if (!supports(query.taskType())) {
            throw new SchemaException("label history needs a BINARY or REGRESSION query; this one is "
                    + query.taskType(), "turn it off with --label-history off");
        }
    }

    public static boolean supports(TaskType type) {
        return type == TaskType.BINARY || type == TaskType.REGRESSION;
    }

    /** The statistics {@link #values} gives for a query of {@code type}, in order. */
    public static List<Statistic> statistics(TaskType type) {
        return List.of(Statistic.COUNT, Statistic.MEAN, Statistic.LAST, Statistic.RECENCY_WEIGHTED_MEAN,
                Statistic.WINDOWS_SINCE_LAST, type == TaskType.BINARY ? Statistic.WINDOWS_SINCE_POSITIVE
                        : Statistic.MIN);
    }

    public List<Statistic> statistics() {
        return statistics(query.taskType());
    }

    public PredictiveQuery query() {
        return query;
    }

    /** The input time of an example at {@code anchorMs}: the anchor, capped by the input cutoff. */
    public long inputTime(long anchorMs) {
        return inputCutoffMs == null ? anchorMs : Math.min(anchorMs, inputCutoffMs);
    }

    /**
     * The statistics of {@code entityRow}'s past labels as of {@code anchorMs} (capped by the input cutoff), in
     * {@link #statistics()} order; NaN where there is no value.
     */
    public double[] values(int entityRow, long anchorMs) {
        long s = inputTime(anchorMs);
        double[] out = new double[WIDTH];
        int count = 0;
        double sum = 0;
        double weighted = 0;
        double weights = 0;
        double last = Double.NaN;
        int sinceLast = -1;
        int sincePositive = -1;
        double min = Double.POSITIVE_INFINITY;
        TimeWindow label = query.window();
        long step = label.end() - label.start();
        for (int j = 0; j < WINDOWS; j++) {
            long past = label.unit().plus(s, -(label.end() + j * step));
            if (past < dataStart || !closedBy(past, s)) {
                continue;
            }
            float y = labelsAt(past)[entityRow];
            if (Float.isNaN(y)) {
                continue;
            }
            if (count == 0) {
                last = y;
                sinceLast = j;
            }
            if (sincePositive < 0 && y == 1) {
                sincePositive = j;
            }
            count++;
            sum += y;
            double w = Math.pow(0.5, j / HALF_LIFE_WINDOWS);
            weighted += w * y;
            weights += w;
            min = Math.min(min, y);
        }
        out[0] = count;
        out[1] = count == 0 ? Double.NaN : sum / count;
        out[2] = last;
        out[3] = count == 0 ? Double.NaN : weighted / weights;
        out[4] = sinceLast < 0 ? Double.NaN : sinceLast;
        out[5] = binary ? (sincePositive < 0 ? Double.NaN : sincePositive) : count == 0 ? Double.NaN : min;
        return out;
    }

    /** Whether every window the query reads from anchor {@code past} has closed by {@code s}. */
    private boolean closedBy(long past, long s) {
        for (TimeWindow w : windows) {
            if (w.endTime(past) > s) {
                return false;
            }
        }
        return true;
    }

    private float[] labelsAt(long past) {
        float[] labels = labelsAt.get(past);
        if (labels != null) {
            return labels;
        }
        synchronized (builder) { // the builder keeps scratch arrays between anchors
            return labelsAt.computeIfAbsent(past, t -> {
                TrainingTable table = builder.build("label history", List.of(t));
                float[] out = new float[entityCount];
                Arrays.fill(out, Float.NaN);
                for (int i = 0; i < table.size(); i++) {
                    out[table.entityRow(i)] = (float) table.label(i);
                }
                return out;
            });
        }
    }

    /** The label window and every windowed condition of the filter: what a past example's existence reads. */
    private static List<TimeWindow> windowsRead(PredictiveQuery query) {
        List<TimeWindow> out = new ArrayList<>(List.of(query.window()));
        query.filter().ifPresent(f -> collectWindows(f, out));
        return List.copyOf(out);
    }

    private static void collectWindows(Expr e, List<TimeWindow> out) {
        if (e instanceof Expr.And and) {
            collectWindows(and.left(), out);
            collectWindows(and.right(), out);
        } else if (e instanceof Expr.Or or) {
            collectWindows(or.left(), out);
            collectWindows(or.right(), out);
        } else if (e instanceof Expr.Not not) {
            collectWindows(not.operand(), out);
        } else if (e instanceof Expr.WindowedAggregate a) {
            out.add(a.window());
        }
    }
}
