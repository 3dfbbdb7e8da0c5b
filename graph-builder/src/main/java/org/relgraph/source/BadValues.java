package org.relgraph.source;

import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.SchemaException;

/**
 * The error for values that do not fit their declared column type, worded once for every reader of data files (the
 * single-machine loader and the Spark jobs), so both name the file, row, column and value alike.
 */
public final class BadValues {
    /** How many bad rows a message shows. */
    public static final int EXAMPLES = 5;
    private static final String BOOLEAN_WORDS = "true/false, 1/0, yes/no, t/f, y/n";

    private BadValues() {
    }

    /**
     * @param firstRow       1-based data row of the first bad value
     * @param count          bad values in the column
     * @param moreExamples   up to {@code EXAMPLES - 1} further bad rows, each as {@code row N 'value'}
     * @param otherBadColumns the other columns of the file that hold bad values
     */
    public static SchemaException error(DataFile file, ColumnSchema column, long firstRow, String firstValue,
                                        long count, List<String> moreExamples, List<String> otherBadColumns) {
        String line = file.format() == DataFile.Format.CSV ? " (line " + (firstRow + 1) + ")" : "";
        StringBuilder msg = new StringBuilder(file.path() + ", row " + firstRow + line + ", column '"
                + column.name() + "': value '" + firstValue + "' is not " + describe(column));
        if (count > 1) {
            msg.append("; ").append(count).append(" bad values in this column");
            if (!moreExamples.isEmpty()) {
                msg.append(", also ").append(String.join(", ", moreExamples));
            }
        }
        if (!otherBadColumns.isEmpty()) {
            msg.append("; columns ").append(String.join(", ", otherBadColumns)).append(" have bad values too");
        }
        return new SchemaException(msg.toString(), hint(column));
    }

    private static String describe(ColumnSchema c) {
        return switch (c.type()) {
            case NUMERICAL -> "a number";
            case BOOLEAN -> "a boolean";
            case TIMESTAMP -> "a date or timestamp";
            default -> "a valid " + c.type().yamlName();
        };
    }

    private static String hint(ColumnSchema c) {
        String change = "or declare the column as categorical/text in schema.yaml";
        return switch (c.type()) {
            case NUMERICAL -> "numbers use '.' as decimal point and no thousands separator; fix the value, "
                    + change + ", or leave the cell empty for a missing value";
            case BOOLEAN -> "booleans are " + BOOLEAN_WORDS + "; fix the value " + change;
            case TIMESTAMP -> "use ISO dates like 2024-03-01 or 2024-03-01 14:30:00 (optionally with an offset "
                    + "like +01:00); fix the value " + change;
            default -> "fix the value " + change;
        };
    }
}
