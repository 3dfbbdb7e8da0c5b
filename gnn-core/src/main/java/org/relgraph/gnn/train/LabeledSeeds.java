package org.relgraph.gnn.train;

import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.query.TrainingTable;

/**
 * Training or evaluation examples as the model consumes them: entity row, the time its inputs are seen as of, and
 * its label. Aligned arrays, owned by this record.
 */
public record LabeledSeeds(int[] rows, long[] times, double[] labels) {
    public LabeledSeeds {
        if (rows.length != times.length || rows.length != labels.length) {
            throw new IllegalArgumentException(rows.length + " rows, " + times.length + " times and "
                    + labels.length + " labels; they must align");
        }
    }

    /**
     * Seeds of a training table, each seen as of {@link GnnConfig#inputTime} of its anchor.
     *
     * @param entityTimes the entity table's row times (null entries as {@link Long#MAX_VALUE}), or null for a
     *                    static entity table. An entity created between the input cut-off and its anchor is seen
     *                    as of its own creation: the sampler cannot seed a row before it exists, and its creation
     *                    row is all the model will learn about it anyway.
     */
    public static LabeledSeeds from(TrainingTable table, GnnConfig config, long[] entityTimes) {
        int n = table.size();
        int[] rows = new int[n];
        long[] times = new long[n];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            rows[i] = table.entityRow(i);
            times[i] = inputTime(table.anchorTime(i), rows[i], config, entityTimes);
            labels[i] = table.label(i);
        }
        return new LabeledSeeds(rows, times, labels);
    }

    /**
     * The time a seed's inputs are seen as of: the config's input time of its anchor, but never before the entity
     * row exists — the one rule {@link #from} applies, also for list-labelled (LIST_DISTINCT) tables.
     */
    public static long inputTime(long anchor, int entityRow, GnnConfig config, long[] entityTimes) {
        long t = config.inputTime(anchor);
        if (entityTimes != null && entityTimes[entityRow] != Long.MAX_VALUE) {
            t = Math.max(t, entityTimes[entityRow]);
        }
        return t;
    }

    /** {@code first}'s examples followed by {@code second}'s. */
    public static LabeledSeeds concat(LabeledSeeds first, LabeledSeeds second) {
        int n = first.size();
        int m = second.size();
        int[] rows = java.util.Arrays.copyOf(first.rows, n + m);
        long[] times = java.util.Arrays.copyOf(first.times, n + m);
        double[] labels = java.util.Arrays.copyOf(first.labels, n + m);
        System.arraycopy(second.rows, 0, rows, n, m);
        System.arraycopy(second.times, 0, times, n, m);
        System.arraycopy(second.labels, 0, labels, n, m);
        return new LabeledSeeds(rows, times, labels);
    }

    public int size() {
        return rows.length;
    }
}
