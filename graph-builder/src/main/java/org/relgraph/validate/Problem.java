package org.relgraph.validate;

import java.util.Objects;

/**
 * One finding about the data.
 *
 * @param column null when the problem is about the whole table or schema
 * @param row    1-based data row of the first example, or -1 when no single row is at fault
 */
public record Problem(Severity severity, String table, String column, long row, String message, String hint) {
    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    /** {@code ERROR  table 'accounts', column 'customer_id', row 7: ... (hint: ...)} */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(severity == Severity.ERROR ? "ERROR   " : "WARNING ");
        if (table != null) {
            s.append("table '").append(table).append("'");
            if (column != null) {
                s.append(", column '").append(column).append("'");
            }
            if (row >= 1) {
                s.append(", row ").append(row);
            }
            s.append(": ");
        }
        s.append(message);
        if (hint != null && !hint.isBlank()) {
            s.append(" (hint: ").append(hint).append(")");
        }
        return s.toString();
    }
}
