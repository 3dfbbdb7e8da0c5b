package org.relgraph.models.output;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;

/**
 * One named, typed column of a {@link ScoreTable}. Values live in a primitive array per kind so a million-row
 * score column costs 8 MB, not a million boxed objects; nulls are tracked in a bit set because a missing reason
 * or an unscored customer is not the same thing as 0 or NaN.
 */
public final class ScoreColumn {

    /** The value kinds a scored table can hold; each maps to one SQL type in every output. */
    public enum Kind { STRING, INTEGER, DOUBLE, DATE }

    private final String name;
    private final Kind kind;
    private final int size;
    private final String[] strings;
    private final long[] integers;
    private final double[] doubles;
    private final int[] epochDays;
    private final BitSet nulls;

    private ScoreColumn(String name, Kind kind, int size, String[] strings, long[] integers, double[] doubles,
                        int[] epochDays, BitSet nulls) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a score column needs a non-blank name");
        }
        this.name = name;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.size = size;
        this.strings = strings;
        this.integers = integers;
        this.doubles = doubles;
        this.epochDays = epochDays;
        this.nulls = nulls;
    }

    /** A STRING column; null elements are null values. */
    public static ScoreColumn strings(String name, String[] values) {
        BitSet nulls = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls.set(i);
            }
        }
        return new ScoreColumn(name, Kind.STRING, values.length, values.clone(), null, null, null, nulls);
    }

    /** An INTEGER column without nulls. */
    public static ScoreColumn integers(String name, long[] values) {
        return new ScoreColumn(name, Kind.INTEGER, values.length, null, values.clone(), null, null, new BitSet());
    }

    /** A DOUBLE column without nulls (NaN stays NaN, it is not read as null). */
    public static ScoreColumn doubles(String name, double[] values) {
        return new ScoreColumn(name, Kind.DOUBLE, values.length, null, null, values.clone(), null, new BitSet());
    }

    /** A DATE column; null elements are null values. */
    public static ScoreColumn dates(String name, LocalDate[] values) {
        int[] days = new int[values.length];
        BitSet nulls = new BitSet();
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                nulls.set(i);
            } else {
                days[i] = Math.toIntExact(values[i].toEpochDay());
            }
        }
        return new ScoreColumn(name, Kind.DATE, values.length, null, null, null, days, nulls);
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    public int size() {
        return size;
    }

    public boolean isNull(int row) {
        checkRow(row);
        return nulls.get(row);
    }

    public String string(int row) {
        checkKind(Kind.STRING);
        checkRow(row);
        return strings[row];
    }

    /** The value of an INTEGER row; 0 for a null row, so check {@link #isNull} first. */
    public long integer(int row) {
        checkKind(Kind.INTEGER);
        checkRow(row);
        return integers[row];
    }

    /** The value of a DOUBLE row; 0 for a null row, so check {@link #isNull} first. */
    public double doubleValue(int row) {
        checkKind(Kind.DOUBLE);
        checkRow(row);
        return doubles[row];
    }

    /** Days since 1970-01-01 of a DATE row; 0 for a null row, so check {@link #isNull} first. */
    public int epochDay(int row) {
        checkKind(Kind.DATE);
        checkRow(row);
        return epochDays[row];
    }

    public LocalDate date(int row) {
        return isNull(row) ? null : LocalDate.ofEpochDay(epochDay(row));
    }

    /** The value boxed (String, Long, Double or LocalDate), or null; for display and tests, not bulk paths. */
    public Object value(int row) {
        if (isNull(row)) {
            return null;
        }
        return switch (kind) {
            case STRING -> strings[row];
            case INTEGER -> integers[row];
            case DOUBLE -> doubles[row];
            case DATE -> LocalDate.ofEpochDay(epochDays[row]);
        };
    }

    private void checkKind(Kind expected) {
        if (kind != expected) {
            throw new IllegalStateException("column " + name + " is " + kind + ", not " + expected);
        }
    }

    private void checkRow(int row) {
        if (row < 0 || row >= size) {
            throw new IndexOutOfBoundsException("row " + row + " of column " + name + " with " + size + " rows");
        }
    }

    /** Grows one column row by row for {@link ScoreTable.Builder}; converts each value to the column's kind. */
    static final class Accumulator {
        private final String name;
        private final Kind kind;
        private int size;
        private String[] strings;
        private long[] integers;
        private double[] doubles;
        private int[] epochDays;
        private final BitSet nulls = new BitSet();

        Accumulator(String name, Kind kind) {
            this.name = name;
            this.kind = Objects.requireNonNull(kind, "kind");
            switch (kind) {
                case STRING -> strings = new String[16];
                case INTEGER -> integers = new long[16];
                case DOUBLE -> doubles = new double[16];
                case DATE -> epochDays = new int[16];
            }
        }

        String name() {
            return name;
        }

        void add(Object value) {
            ensureCapacity(size + 1);
            if (value == null) {
                nulls.set(size);
            } else {
                switch (kind) {
                    case STRING -> strings[size] = requireType(value, String.class);
                    case INTEGER -> integers[size] = integral(value);
                    case DOUBLE -> doubles[size] = requireType(value, Number.class).doubleValue();
                    case DATE -> epochDays[size] = Math.toIntExact(requireType(value, LocalDate.class).toEpochDay());
                }
            }
            size++;
        }

        ScoreColumn build() {
            return new ScoreColumn(name, kind, size,
                    strings == null ? null : Arrays.copyOf(strings, size),
                    integers == null ? null : Arrays.copyOf(integers, size),
                    doubles == null ? null : Arrays.copyOf(doubles, size),
                    epochDays == null ? null : Arrays.copyOf(epochDays, size),
                    (BitSet) nulls.clone());
        }

        private long integral(Object value) {
            if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
                return ((Number) value).longValue();
            }
            throw wrongType(value, "Long or Integer");
        }

        private <T> T requireType(Object value, Class<T> type) {
            if (!type.isInstance(value)) {
                throw wrongType(value, type.getSimpleName());
            }
            return type.cast(value);
        }

        private IllegalArgumentException wrongType(Object value, String expected) {
            return new IllegalArgumentException("column " + name + " (" + kind + ") expects " + expected + ", got "
                    + value.getClass().getSimpleName() + " " + value);
        }

        private void ensureCapacity(int needed) {
            int capacity = switch (kind) {
                case STRING -> strings.length;
                case INTEGER -> integers.length;
                case DOUBLE -> doubles.length;
                case DATE -> epochDays.length;
            };
            if (needed <= capacity) {
                return;
            }
            int grown = Math.max(needed, capacity + (capacity >> 1));
            switch (kind) {
                case STRING -> strings = Arrays.copyOf(strings, grown);
                case INTEGER -> integers = Arrays.copyOf(integers, grown);
                case DOUBLE -> doubles = Arrays.copyOf(doubles, grown);
                case DATE -> epochDays = Arrays.copyOf(epochDays, grown);
            }
        }
    }
}
