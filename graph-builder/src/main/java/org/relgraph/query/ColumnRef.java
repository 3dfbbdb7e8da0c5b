package org.relgraph.query;

/**
 * {@code TABLE.COLUMN} or {@code TABLE.*} as written (names are matched case-insensitively when bound).
 *
 * @param column the column name, or {@code "*"} for all rows
 */
public record ColumnRef(String table, String column, Span tableSpan, Span columnSpan) {
    public static final String ALL_ROWS = "*";

    public boolean isAllRows() {
        return ALL_ROWS.equals(column);
    }

    public Span span() {
        return tableSpan.to(columnSpan);
    }

    public ColumnRef renamed(String canonicalTable, String canonicalColumn) {
        return new ColumnRef(canonicalTable, canonicalColumn, tableSpan, columnSpan);
    }

    public String render() {
        return table + "." + column;
    }
}
