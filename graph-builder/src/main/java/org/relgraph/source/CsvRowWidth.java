package org.relgraph.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.relgraph.schema.SchemaException;

/**
 * Refuses CSV rows with more fields than the header. DuckDB's sniffer gives such fields columns of their own,
 * named column3 and so on, that no schema declares; loading would drop their values without a word, and a value
 * holding an unquoted delimiter ("Smith, John") would shift the row's later values into the wrong columns.
 * Shorter rows are padded with missing values instead (exports that grew columns over time have them).
 */
public final class CsvRowWidth {
    // DuckDB's scan error: "CSV Error on Line: 30002" … "Expected Number of Columns: 3 Found: 4"
    private static final Pattern SCAN_ERROR_LINE = Pattern.compile("CSV Error on Line: (\\d+)");
    private static final Pattern SCAN_ERROR_COUNTS = Pattern.compile(
            "Expected Number of Columns: (\\d+) Found: (\\d+)");

    private CsvRowWidth() {
    }

    /**
     * A row wider than the header past the rows DuckDB's sniffer samples stops the scan itself; its message names
     * the line and both counts over several lines, which become the same one-line error as {@link
     * #requireWithinHeader}'s. Empty for any other failure.
     */
    public static Optional<SchemaException> tooWideInScan(DataFile file, SQLException e) {
        Matcher line = SCAN_ERROR_LINE.matcher(String.valueOf(e.getMessage()));
        Matcher counts = SCAN_ERROR_COUNTS.matcher(String.valueOf(e.getMessage()));
        if (!line.find() || !counts.find()) {
            return Optional.empty();
        }
        int header = Integer.parseInt(counts.group(1));
        int found = Integer.parseInt(counts.group(2));
        if (found <= header) {
            return Optional.empty();
        }
        long fileLine = Long.parseLong(line.group(1));
        return Optional.of(tooWide(file, fileLine - 1, found, header, 0));
    }

    /**
     * @param scratchTable the file scanned with {@link DataFile#scanSql} into a table whose rowid is file order
     * @throws SchemaException naming the file, the first such line and both field counts
     */
    public static void requireWithinHeader(Statement s, DataFile file, String scratchTable) throws SQLException {
        if (file.format() != DataFile.Format.CSV) {
            return;
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT column_name FROM (DESCRIBE " + scratchTable + ")")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        int headerFields = headerFields(s, file, columns.size());
        if (headerFields >= columns.size()) {
            return;
        }
        List<String> beyond = new ArrayList<>();
        for (String c : columns.subList(headerFields, columns.size())) {
            beyond.add(SqlIdentifier.quote(c) + " IS NOT NULL");
        }
        String anyBeyond = String.join(" OR ", beyond);
        long rows;
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + scratchTable + " WHERE " + anyBeyond)) {
            rs.next();
            rows = rs.getLong(1);
        }
        if (rows == 0) {
            return; // trailing delimiters: the extra fields are all empty, nothing is lost
        }
        String select = "SELECT rowid + 1, " + String.join(", ", columns.subList(headerFields, columns.size())
                .stream().map(SqlIdentifier::quote).toList()) + " FROM " + scratchTable + " WHERE " + anyBeyond
                + " ORDER BY rowid LIMIT 1";
        try (ResultSet rs = s.executeQuery(select)) {
            rs.next();
            long row = rs.getLong(1);
            int fields = headerFields;
            for (int k = 0; k < columns.size() - headerFields; k++) {
                if (rs.getString(k + 2) != null) {
                    fields = headerFields + k + 1;
                }
            }
            throw tooWide(file, row, fields, headerFields, rows);
        }
    }

    /** @param rows how many rows are too wide; 0 when unknown (the scan stopped at the first) */
    private static SchemaException tooWide(DataFile file, long row, int fields, int headerFields, long rows) {
        return new SchemaException(file.path() + ", row " + row + " (line " + (row + 1) + ") has " + fields
                + " fields, the header has " + headerFields
                + (rows > 1 ? "; " + rows + " rows have more fields than the header" : ""),
                "quote values that hold the delimiter (\"Smith, John\"), or name every column in the header line");
    }

    /**
     * The header's field count: its cells read as a data row, up to the last non-empty one. Should the second
     * sniff see another number of columns (it reads the same file with the same options), every column counts.
     */
    private static int headerFields(Statement s, DataFile file, int columns) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + file.headerAsDataScanSql() + " LIMIT 1")) {
            int n = rs.getMetaData().getColumnCount();
            if (n != columns || !rs.next()) {
                return columns;
            }
            int last = 0;
            for (int k = 1; k <= n; k++) {
                if (rs.getString(k) != null) {
                    last = k;
                }
            }
            return last;
        }
    }
}
