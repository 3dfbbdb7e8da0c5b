package org.relgraph.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import org.relgraph.table.Column;
import org.relgraph.table.LongColumn;

/**
 * The labelled examples of one split: one row per (entity, anchor time) — or, for ARGMAX, per (entity, anchor,
 * target row) — with the label computed from the window after the anchor. Rows are ordered by anchor (as given),
 * then entity row.
 *
 * <p>Labels are a {@code double} ({@link #label}) for every target except LIST_DISTINCT, whose label is the sorted
 * set of referenced parent rows ({@link #labelList}). For MULTICLASS targets the label is the class's code: the
 * dictionary index for categorical columns, the value itself for numbers and ids.
 */
public final class TrainingTable {
    private final String split;
    private final TaskType taskType;
    private final Column entityKeys;
    private final Column listKeys;
    private final Column candidateKeys;
    private final List<Long> anchors;
    private final int size;
    private final int[] entityRows;
    private final long[] anchorTimes;
    private final double[] labels;
    private final int[][] labelLists;
    private final int[] targetRows;

    private TrainingTable(Builder b) {
        this.split = b.split;
        this.taskType = b.taskType;
        this.entityKeys = b.entityKeys;
        this.listKeys = b.listKeys;
        this.candidateKeys = b.candidateKeys;
        this.anchors = List.copyOf(b.anchors);
        this.size = b.size;
        this.entityRows = Arrays.copyOf(b.entityRows, b.size);
        this.anchorTimes = Arrays.copyOf(b.anchorTimes, b.size);
        this.labels = b.lists ? null : Arrays.copyOf(b.labels, b.size);
        this.labelLists = b.lists ? Arrays.copyOf(b.labelLists, b.size) : null;
        this.targetRows = b.candidates ? Arrays.copyOf(b.targetRows, b.size) : null;
    }

    /**
     * Unlabelled examples for scoring: every row of {@code entityRows} at one anchor, labels NaN. Lets a model that
     * reads examples (point-in-time features, CF histories) score entities as of a date through the same path it
     * was evaluated on.
     */
    public static TrainingTable unlabeled(TaskType taskType, Column entityKeys, int[] entityRows, long anchor) {
        Builder b = new Builder("score", taskType, entityKeys, false, false);
        b.anchor(anchor);
        for (int r : entityRows) {
            b.add(r, anchor, Double.NaN);
        }
        return b.build();
    }

    /**
     * Unlabelled examples, each at its own anchor ({@code entityRows[i]} at {@code anchors[i]}), labels NaN: one
     * table for a model that scores (entity, time) pairs of several times at once, e.g. one row per ranking example.
     */
    public static TrainingTable unlabeled(TaskType taskType, Column entityKeys, int[] entityRows, long[] anchors) {
        if (entityRows.length != anchors.length) {
            throw new IllegalArgumentException(entityRows.length + " rows and " + anchors.length + " anchors");
        }
        Builder b = new Builder("score", taskType, entityKeys, false, false);
        java.util.Arrays.stream(anchors).distinct().sorted().forEach(b::anchor);
        for (int i = 0; i < entityRows.length; i++) {
            b.add(entityRows[i], anchors[i], Double.NaN);
        }
        return b.build();
    }

    public String split() {
        return split;
    }

    public TaskType taskType() {
        return taskType;
    }

    /** The name of the entity table's primary key column, e.g. {@code driverId}. */
    public String entityKeyName() {
        return entityKeys.name();
    }

    /** Whether entity keys are integers (ids); otherwise they are text. */
    public boolean hasIntegerEntityKeys() {
        return entityKeys instanceof LongColumn;
    }

    /** Anchor times of this split, in the order they were built. */
    public List<Long> anchors() {
        return anchors;
    }

    public int size() {
        return size;
    }

    /** Row of the example's entity in the entity table. */
    public int entityRow(int i) {
        return entityRows[i];
    }

    /** The entity's primary key as text. */
    public String entityKey(int i) {
        return entityKeys.format(entityRows[i]);
    }

    /** Anchor time (epoch ms, UTC) of the example: features may use data at or before it, labels only after. */
    public long anchorTime(int i) {
        return anchorTimes[i];
    }

    public boolean hasListLabels() {
        return labelLists != null;
    }

    public double label(int i) {
        if (labels == null) {
            throw new IllegalStateException("LIST_DISTINCT labels are lists: use labelList(i)");
        }
        return labels[i];
    }

    /** LIST_DISTINCT: the distinct rows of the referenced table, ascending. */
    public int[] labelList(int i) {
        if (labelLists == null) {
            throw new IllegalStateException("only LIST_DISTINCT labels are lists: use label(i)");
        }
        return labelLists[i].clone();
    }

    /** LIST_DISTINCT: the primary keys of the referenced rows of {@link #labelList}, in the same order, as text. */
    public List<String> labelListKeys(int i) {
        int[] rows = labelList(i);
        List<String> keys = new ArrayList<>(rows.length);
        for (int r : rows) {
            keys.add(listKeys.format(r));
        }
        return keys;
    }

    /** LIST_DISTINCT: whether the referenced table's keys are integers (ids); otherwise they are text. */
    public boolean hasIntegerListKeys() {
        return listKeys instanceof LongColumn;
    }

    public boolean hasCandidateRows() {
        return targetRows != null;
    }

    /**
     * ARGMAX: the primary key of the example's target row as text, or its row number when the target table has no
     * primary key.
     */
    public String targetKey(int i) {
        int row = targetRow(i);
        return candidateKeys == null ? Integer.toString(row) : candidateKeys.format(row);
    }

    /** ARGMAX: the target-table row (a candidate interaction) the example is about; -1 for other targets. */
    public int targetRow(int i) {
        return targetRows == null ? -1 : targetRows[i];
    }

    /**
     * At most {@code maxExamples} (entity, anchor) examples, chosen uniformly with {@code seed}, each with all its rows
     * (an ARGMAX example's candidates stay together), in this table's order; this table itself when it is no larger.
     * For work whose cost grows with the examples but whose answer needs only a fair sample, like the leakage audit.
     */
    public TrainingTable sample(int maxExamples, long seed) {
        List<int[]> examples = new ArrayList<>(); // [first row, end row) of each (entity, anchor)
        for (int i = 0; i < size; ) {
            int j = i + 1;
            while (j < size && entityRows[j] == entityRows[i] && anchorTimes[j] == anchorTimes[i]) {
                j++;
            }
            examples.add(new int[] {i, j});
            i = j;
        }
        if (examples.size() <= maxExamples) {
            return this;
        }
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        int[] order = java.util.stream.IntStream.range(0, examples.size()).toArray();
        for (int k = 0; k < maxExamples; k++) { // partial Fisher-Yates: the first maxExamples are the sample
            int r = k + random.nextInt(order.length - k);
            int t = order[k];
            order[k] = order[r];
            order[r] = t;
        }
        int[] chosen = Arrays.copyOf(order, maxExamples);
        Arrays.sort(chosen);
        Builder b = new Builder(split, taskType, entityKeys, labelLists != null, targetRows != null)
                .listKeys(listKeys).candidateKeys(candidateKeys);
        anchors.forEach(b::anchor);
        for (int e : chosen) {
            for (int i = examples.get(e)[0]; i < examples.get(e)[1]; i++) {
                if (labelLists != null) {
                    b.addList(entityRows[i], anchorTimes[i], labelLists[i]);
                } else if (targetRows != null) {
                    b.addCandidate(entityRows[i], anchorTimes[i], targetRows[i], labels[i]);
                } else {
                    b.add(entityRows[i], anchorTimes[i], labels[i]);
                }
            }
        }
        return b.build();
    }

    /**
     * The rows whose index {@code keep} accepts, in this table's order, with this table's split name and anchors:
     * e.g. the rows of some entities only, as out-of-fold training splits them ({@code xgb-gnn-embeddings}).
     */
    public TrainingTable select(java.util.function.IntPredicate keep) {
        Builder b = new Builder(split, taskType, entityKeys, labelLists != null, targetRows != null)
                .listKeys(listKeys).candidateKeys(candidateKeys);
        anchors.forEach(b::anchor);
        for (int i = 0; i < size; i++) {
            if (!keep.test(i)) {
                continue;
            }
            if (labelLists != null) {
                b.addList(entityRows[i], anchorTimes[i], labelLists[i]);
            } else if (targetRows != null) {
                b.addCandidate(entityRows[i], anchorTimes[i], targetRows[i], labels[i]);
            } else {
                b.add(entityRows[i], anchorTimes[i], labels[i]);
            }
        }
        return b.build();
    }

    public TrainingTableSummary summary() {
        double sum = 0;
        double sumSquares = 0;
        HashSet<Double> distinct = new HashSet<>();
        for (int i = 0; i < size; i++) {
            double v = labels != null ? labels[i] : labelLists[i].length;
            sum += v;
            sumSquares += v * v;
            if (distinct.size() <= 1000) {
                distinct.add(v);
            }
        }
        double mean = size == 0 ? Double.NaN : sum / size;
        double std = size == 0 ? Double.NaN : Math.sqrt(Math.max(0, sumSquares / size - mean * mean));
        return new TrainingTableSummary(split, taskType, hasListLabels(), anchors.size(), size, mean, std,
                distinct.size());
    }

    /** Collects rows as labels are computed; arrays grow geometrically. */
    static final class Builder {
        private final String split;
        private final TaskType taskType;
        private final Column entityKeys;
        private final boolean lists;
        private final boolean candidates;
        private Column listKeys;
        private Column candidateKeys;
        private final List<Long> anchors = new ArrayList<>();
        private int size;
        private int[] entityRows = new int[1024];
        private long[] anchorTimes = new long[1024];
        private double[] labels = new double[1024];
        private int[][] labelLists = new int[1024][];
        private int[] targetRows = new int[1024];

        Builder(String split, TaskType taskType, Column entityKeys, boolean lists, boolean candidates) {
            this.split = split;
            this.taskType = taskType;
            this.entityKeys = entityKeys;
            this.lists = lists;
            this.candidates = candidates;
        }

        /** LIST_DISTINCT: the referenced table's primary key column, so lists can be written as keys. */
        Builder listKeys(Column keys) {
            this.listKeys = keys;
            return this;
        }

        /** ARGMAX: the target table's primary key column, or null when it has none. */
        Builder candidateKeys(Column keys) {
            this.candidateKeys = keys;
            return this;
        }

        void anchor(long t) {
            anchors.add(t);
        }

        void add(int entityRow, long anchor, double label) {
            int i = next(entityRow, anchor);
            labels[i] = label;
        }

        void addList(int entityRow, long anchor, int[] list) {
            int i = next(entityRow, anchor);
            labelLists[i] = list;
        }

        void addCandidate(int entityRow, long anchor, int targetRow, double label) {
            int i = next(entityRow, anchor);
            targetRows[i] = targetRow;
            labels[i] = label;
        }

        private int next(int entityRow, long anchor) {
            if (size == entityRows.length) {
                int n = size * 2;
                entityRows = Arrays.copyOf(entityRows, n);
                anchorTimes = Arrays.copyOf(anchorTimes, n);
                if (lists) {
                    labelLists = Arrays.copyOf(labelLists, n);
                } else {
                    labels = Arrays.copyOf(labels, n);
                }
                if (candidates) {
                    targetRows = Arrays.copyOf(targetRows, n);
                }
            }
            entityRows[size] = entityRow;
            anchorTimes[size] = anchor;
            return size++;
        }

        TrainingTable build() {
            return new TrainingTable(this);
        }
    }
}
