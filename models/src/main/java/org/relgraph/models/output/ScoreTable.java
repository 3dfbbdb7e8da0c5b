package org.relgraph.models.output;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scored result of one prediction run: ordered, typed columns of equal length. Column names follow the
 * predictive query, so nothing here knows about propensities or actions. Names must be unique ignoring case,
 * because DuckDB and PostgreSQL both treat {@code Rank} and {@code RANK} as the same column.
 */
public final class ScoreTable {
    private final List<ScoreColumn> columns;
    private final int rowCount;

    public ScoreTable(List<ScoreColumn> columns) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a score table needs at least one column");
        }
        Set<String> seen = new HashSet<>();
        int rows = columns.get(0).size();
        for (ScoreColumn column : columns) {
            if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("duplicate column name (ignoring case): " + column.name());
            }
            if (column.size() != rows) {
                throw new IllegalArgumentException("column " + column.name() + " has " + column.size()
                        + " rows, column " + columns.get(0).name() + " has " + rows);
            }
        }
        this.columns = List.copyOf(columns);
        this.rowCount = rows;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<ScoreColumn> columns() {
        return columns;
    }

    public int rowCount() {
        return rowCount;
    }

    public ScoreColumn column(int index) {
        return columns.get(index);
    }

    /** Whether the other table has the same column names and kinds in the same order (row counts may differ). */
    public boolean sameLayoutAs(ScoreTable other) {
        if (other.columns.size() != columns.size()) {
            return false;
        }
        for (int i = 0; i < columns.size(); i++) {
            ScoreColumn mine = columns.get(i);
            ScoreColumn theirs = other.columns.get(i);
            if (!mine.name().equals(theirs.name()) || mine.kind() != theirs.kind()) {
                return false;
            }
        }
        return true;
    }

    /** Layout as "NAME KIND, ..." for error messages. */
    public String describeLayout() {
        StringBuilder out = new StringBuilder();
        for (ScoreColumn column : columns) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(column.name()).append(' ').append(column.kind());
        }
        return out.toString();
    }

    /** Declares columns, then appends rows; values are converted to each column's kind as they arrive. */
    public static final class Builder {
        private final List<ScoreColumn.Accumulator> columns = new ArrayList<>();
        private boolean rowsStarted;

        private Builder() {
        }

        public Builder column(String name, ScoreColumn.Kind kind) {
            if (rowsStarted) {
                throw new IllegalStateException("declare every column before the first row");
            }
            columns.add(new ScoreColumn.Accumulator(name, kind));
            return this;
        }

        /**
         * Appends one row, one value per declared column in order: String for STRING, Long or Integer for INTEGER,
         * any Number for DOUBLE, LocalDate for DATE, or null.
         */
        public Builder addRow(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException("row has " + values.length + " values, the table has "
                        + columns.size() + " columns");
            }
            rowsStarted = true;
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
            return this;
        }

        public ScoreTable build() {
            List<ScoreColumn> built = new ArrayList<>(columns.size());
            for (ScoreColumn.Accumulator column : columns) {
                built.add(column.build());
            }
            return new ScoreTable(built);
        }
    }
}
