package org.relgraph.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.collection.immutable.ArraySeq;

/**
 * A chunk of one training partition's rows in primitive columns: what {@code train --neighbourhoods}' gather ships
 * through its one shuffle and the executors cache ({@link NeighbourhoodWorkers}). Built map-side from the Spark rows
 * of {@link SparkScoring#typedNodes} (node chunks) or {@link SparkScoring#sideRows} (value and summary chunks), and
 * turned back into rows of the same layout and the same values ({@link #rows}), which {@link MaterialisedRows} reads.
 *
 * <p>Why: shipping generic {@link Row}s through an RDD shuffle serialises every row as a Java object graph (Spark's
 * default JavaSerializer: a row, its boxed fields, its lists and, every 100 rows, its schema), and grouping them
 * under one key per partition made the reduce side spill and merge one huge group the same way. A chunk is a few
 * arrays of longs, doubles, floats and dictionary codes, which Java serialisation writes in bulk.
 *
 * <p>Every field of the layout keeps its value and its nulls, except the node rows' seed key (column 1), which the
 * training tasks do not read and which comes back null.
 */
final class GatheredRows implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Rows per chunk: a chunk is a shuffle record, kept well under what one record may hold. */
    static final int CHUNK_ROWS = 1 << 15;
    private static final int NODE_COLUMNS = 13;
    private static final int VALUE_COLUMNS = 8;
    private static final int NODE_SEED_KEY = 1;

    /** Which layout the chunk holds. */
    enum Kind { NODES, VALUES }

    private final Kind kind;
    private final int size;
    /** Per column of the layout: a long[], double[] ... (see {@link Builder}), or null for a dropped column. */
    private final Object[] columns;
    /** Per column: its null rows. */
    private final BitSet[] nulls;
    /** Per list column (values layout, columns 4..7): where each row's list ends in the column's flat array. */
    private final int[][] ends;
    /** Per list column: its null elements (by flat index). */
    private final BitSet[] elementNulls;
    /** The chunk's strings, which string columns and string lists hold as codes. */
    private final String[] dictionary;

    private GatheredRows(Kind kind, int size, Object[] columns, BitSet[] nulls, int[][] ends, BitSet[] elementNulls,
                         String[] dictionary) {
        this.kind = kind;
        this.size = size;
        this.columns = columns;
        this.nulls = nulls;
        this.ends = ends;
        this.elementNulls = elementNulls;
        this.dictionary = dictionary;
    }

    Kind kind() {
        return kind;
    }

    /** Rows in the chunk. */
    int size() {
        return size;
    }

    /**
     * Chunks of {@code rows} per task key (column 0, the training partition) in arrival order, at most
     * {@link #CHUNK_ROWS} rows each: the map side of the gather.
     */
    static Iterator<scala.Tuple2<Integer, GatheredRows>> chunks(Kind kind, Iterator<Row> rows) {
        return chunks(kind, rows, CHUNK_ROWS);
    }

    /** {@link #chunks(Kind, Iterator)} with chunks of at most {@code chunkRows} rows. */
    static Iterator<scala.Tuple2<Integer, GatheredRows>> chunks(Kind kind, Iterator<Row> rows, int chunkRows) {
        Map<Integer, Builder> open = new HashMap<>();
        List<scala.Tuple2<Integer, GatheredRows>> done = new ArrayList<>();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                while (done.isEmpty() && rows.hasNext()) {
                    Row r = rows.next();
                    int key = r.getInt(0);
                    Builder b = open.computeIfAbsent(key, k -> new Builder(kind));
                    b.add(r);
                    if (b.size == chunkRows) {
                        done.add(new scala.Tuple2<>(key, b.build()));
                        open.remove(key);
                    }
                }
                if (done.isEmpty() && !open.isEmpty()) {
                    open.forEach((key, b) -> done.add(new scala.Tuple2<>(key, b.build())));
                    open.clear();
                }
                return !done.isEmpty();
            }

            @Override
            public scala.Tuple2<Integer, GatheredRows> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return done.remove(done.size() - 1);
            }
        };
    }

    /** The chunk's rows, in the layout and with the values they were built from (node seed keys null). */
    Iterator<Row> rows() {
        return new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < size;
            }

            @Override
            public Row next() {
                if (i >= size) {
                    throw new NoSuchElementException();
                }
                return row(i++);
            }
        };
    }

    private Row row(int i) {
        Object[] fields = new Object[columns.length];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] == null || nulls[c].get(i)) {
                continue;
            }
            Object col = columns[c];
            if (ends[c] != null) {
                fields[c] = list(c, i);
            } else if (col instanceof long[] v) {
                fields[c] = v[i];
            } else if (col instanceof int[] v) {
                fields[c] = isText(c) ? dictionary[v[i]] : (Object) v[i];
            } else {
                throw new IllegalStateException("column " + c + " of a " + kind + " chunk");
            }
        }
        return RowFactory.create(fields);
    }

    private ArraySeq<Object> list(int c, int i) {
        int from = i == 0 ? 0 : ends[c][i - 1];
        int to = ends[c][i];
        Object[] out = new Object[to - from];
        Object col = columns[c];
        for (int j = from; j < to; j++) {
            if (elementNulls[c].get(j)) {
                continue;
            }
            if (col instanceof double[] v) {
                out[j - from] = v[j];
            } else if (col instanceof long[] v) {
                out[j - from] = v[j];
            } else if (col instanceof float[] v) {
                out[j - from] = v[j];
            } else {
                out[j - from] = dictionary[((int[]) col)[j]];
            }
        }
        return ArraySeq.unsafeWrapArray(out);
    }

    /** Whether int column {@code c} holds dictionary codes of strings (else ints). */
    private boolean isText(int c) {
        return kind == Kind.NODES ? c == 6 || c == 9 || c == 10 : c == 1 || c == 6;
    }

    /** What each column of a layout is stored as. */
    private enum Type { INT, LONG, TEXT, DOUBLES, LONGS, TEXTS, FLOATS, DROPPED }

    private static Type[] types(Kind kind) {
        return kind == Kind.NODES
                // bucket, seed_key, seed_row, seed_time, sample_time, hop, table, row, time, edge, parent_table,
                // parent_row, copies
                ? new Type[] {Type.INT, Type.DROPPED, Type.LONG, Type.LONG, Type.LONG, Type.INT, Type.TEXT, Type.LONG,
                    Type.LONG, Type.TEXT, Type.TEXT, Type.LONG, Type.LONG}
                // key, table, row, as_of, doubles, longs, texts, summary
                : new Type[] {Type.INT, Type.TEXT, Type.LONG, Type.LONG, Type.DOUBLES, Type.LONGS, Type.TEXTS,
                    Type.FLOATS};
    }

    /** Appends rows column by column. */
    static final class Builder {
        private final Kind kind;
        private final Type[] types;
        private final Object[] columns;
        private final BitSet[] nulls;
        private final int[][] ends;
        private final int[] flatSizes;
        private final BitSet[] elementNulls;
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> dictionary = new ArrayList<>();
        private int size;

        Builder(Kind kind) {
            this.kind = kind;
            this.types = types(kind);
            int n = types.length;
            if (n != (kind == Kind.NODES ? NODE_COLUMNS : VALUE_COLUMNS)) {
                throw new IllegalStateException("layout of " + kind);
            }
            columns = new Object[n];
            nulls = new BitSet[n];
            ends = new int[n][];
            flatSizes = new int[n];
            elementNulls = new BitSet[n];
            for (int c = 0; c < n; c++) {
                nulls[c] = new BitSet();
                columns[c] = switch (types[c]) {
                    case INT, TEXT, TEXTS -> new int[16];
                    case LONG, LONGS -> new long[16];
                    case DOUBLES -> new double[16];
                    case FLOATS -> new float[16];
                    case DROPPED -> null;
                };
                if (types[c] == Type.DOUBLES || types[c] == Type.LONGS || types[c] == Type.TEXTS
                        || types[c] == Type.FLOATS) {
                    ends[c] = new int[16];
                    elementNulls[c] = new BitSet();
                }
            }
        }

        void add(Row r) {
            if (r.size() != types.length) {
                throw new IllegalArgumentException("a " + kind + " row of " + r.size() + " fields; the layout has "
                        + types.length);
            }
            for (int c = 0; c < types.length; c++) {
                Type t = types[c];
                if (t == Type.DROPPED) {
                    continue;
                }
                boolean isNull = r.isNullAt(c);
                nulls[c].set(size, isNull);
                switch (t) {
                    case INT -> putInt(c, size, isNull ? 0 : r.getInt(c));
                    case TEXT -> putInt(c, size, isNull ? -1 : code(r.getString(c)));
                    case LONG -> putLong(c, size, isNull ? 0 : r.getLong(c));
                    default -> addList(c, isNull ? List.of() : r.getList(c));
                }
            }
            size++;
        }

        private void addList(int c, List<Object> values) {
            int at = flatSizes[c];
            for (Object x : values) {
                int j = flatSizes[c]++;
                elementNulls[c].set(j, x == null);
                switch (types[c]) {
                    case DOUBLES -> {
                        double[] v = (double[]) grow(c, j);
                        v[j] = x == null ? 0 : (Double) x;
                    }
                    case LONGS -> {
                        long[] v = (long[]) grow(c, j);
                        v[j] = x == null ? 0 : (Long) x;
                    }
                    case FLOATS -> {
                        float[] v = (float[]) grow(c, j);
                        v[j] = x == null ? 0 : (Float) x;
                    }
                    default -> {
                        int[] v = (int[]) grow(c, j);
                        v[j] = x == null ? -1 : code((String) x);
                    }
                }
            }
            if (ends[c].length == size) {
                ends[c] = Arrays.copyOf(ends[c], size * 2);
            }
            ends[c][size] = at + values.size();
        }

        private int code(String s) {
            return codes.computeIfAbsent(s, k -> {
                dictionary.add(k);
                return dictionary.size() - 1;
            });
        }

        private void putInt(int c, int i, int value) {
            ((int[]) grow(c, i))[i] = value;
        }

        private void putLong(int c, int i, long value) {
            ((long[]) grow(c, i))[i] = value;
        }

        /** Column {@code c}'s array with room for index {@code i}. */
        private Object grow(int c, int i) {
            Object a = columns[c];
            int length = java.lang.reflect.Array.getLength(a);
            if (i < length) {
                return a;
            }
            int n = Math.max(i + 1, length * 2);
            columns[c] = a instanceof int[] v ? Arrays.copyOf(v, n) : a instanceof long[] v ? Arrays.copyOf(v, n)
                    : a instanceof double[] v ? Arrays.copyOf(v, n) : Arrays.copyOf((float[]) a, n);
            return columns[c];
        }

        GatheredRows build() {
            Object[] trimmed = new Object[columns.length];
            int[][] trimmedEnds = new int[columns.length][];
            for (int c = 0; c < columns.length; c++) {
                Object a = columns[c];
                if (a == null) {
                    continue;
                }
                int n = ends[c] != null ? flatSizes[c] : size;
                trimmed[c] = a instanceof int[] v ? Arrays.copyOf(v, n) : a instanceof long[] v ? Arrays.copyOf(v, n)
                        : a instanceof double[] v ? Arrays.copyOf(v, n) : Arrays.copyOf((float[]) a, n);
                if (ends[c] != null) {
                    trimmedEnds[c] = Arrays.copyOf(ends[c], size);
                }
            }
            return new GatheredRows(kind, size, trimmed, nulls, trimmedEnds, elementNulls,
                    dictionary.toArray(String[]::new));
        }
    }
}
