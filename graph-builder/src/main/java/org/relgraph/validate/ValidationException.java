package org.relgraph.validate;

import org.relgraph.schema.SchemaException;

/** The data breaks key rules; {@link #report()} lists every problem, the message names the first. */
public final class ValidationException extends SchemaException {
    private final transient ValidationReport report;

    public ValidationException(String source, ValidationReport report) {
        super(summary(source, report), report.errors().isEmpty() ? null : report.errors().get(0).hint());
        this.report = report;
    }

    private static String summary(String source, ValidationReport report) {
        int n = report.errors().size();
        Problem first = report.errors().get(0);
        String where = first.table() == null ? "" : "table '" + first.table() + "'"
                + (first.column() == null ? "" : ", column '" + first.column() + "'")
                + (first.row() >= 1 ? ", row " + first.row() : "") + ": ";
        return source + ": " + n + (n == 1 ? " error" : " errors") + (n > 1 ? ", first: " : ": ") + where
                + first.message();
    }

    public ValidationReport report() {
        return report;
    }
}
