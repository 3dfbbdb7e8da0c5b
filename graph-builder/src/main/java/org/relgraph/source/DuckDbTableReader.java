package org.relgraph.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.Table;

/**
 * Reads one CSV or Parquet file into a {@link Table} with DuckDB. The file is first scanned as text into
 * a temporary table, so a value that does not fit its declared type is found by a query that can name its
 * row, instead of aborting the scan with a parser error.
 */
final class DuckDbTableReader {
    private static final String RAW = "relgraph_raw";
    /** String columns with more distinct values than this are read as strings (keys, free text). */
    private static final int MAX_CODED = 65_536;
    private static final String DICTIONARY_TYPE_PREFIX = "relgraph_dictionary_";
    /** A 0-based file row number in {@link #numberedRows}. */
    private static final String ROW = "relgraph_row";
    private static final String HIDDEN_ROWID_PREFIX = "relgraph_file_";
    private static final int EXAMPLES = BadValues.EXAMPLES;
    /** Parquet integer types that fit a Java long as they are. */
    private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT",
            "UTINYINT", "USMALLINT", "UINTEGER");

    private final Connection duck;

    DuckDbTableReader(Connection duck) {
        this.duck = duck;
    }

    Table read(DataFile file, TableSchema schema) {
        try (Statement s = duck.createStatement()) {
            scanIntoRawTable(s, file, schema);
            CsvRowWidth.requireWithinHeader(s, file, RAW);
            Map<String, String> fileTypes = fileColumnTypes(s);
            List<ColumnSchema> columns = schema.columns();
            List<String> sourceNames = new ArrayList<>();
            for (ColumnSchema c : columns) {
                sourceNames.add(fileColumn(fileTypes, c.name(), file, schema));
            }
            long rows = count(s, "SELECT count(*) FROM " + RAW);
            if (rows == 0) {
                throw new SchemaException(file.path() + ": table '" + schema.name() + "' has no data rows",
                        "add rows, or remove the table from schema.yaml");
            }
            if (rows > Integer.MAX_VALUE - 8) {
                throw new SchemaException(file.path() + ": " + rows + " rows is more than one table can hold",
                        "split the file or filter it before loading");
            }
            List<ColumnStorage> storage = new ArrayList<>();
            List<String> select = new ArrayList<>();
            List<String> badWhen = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                ColumnSchema c = columns.get(i);
                String ref = SqlIdentifier.quote(sourceNames.get(i));
                String fileType = fileTypes.get(sourceNames.get(i));
                boolean text = fileType.equals("VARCHAR");
                boolean integerId = c.type() == SemanticType.ID
                        && (INTEGER_TYPES.contains(fileType) || text && isIntegerColumn(s, ref));
                storage.add(ColumnStorage.of(c.type(), integerId));
                String expr = converted(c.type(), ref, text, integerId);
                select.add(expr);
                // ids and strings accept any value; the other types turn a value that does not fit into NULL
                boolean anyValueFits = switch (c.type()) {
                    case ID, CATEGORICAL, TEXT -> true;
                    default -> false;
                };
                badWhen.add(anyValueFits ? null : ref + " IS NOT NULL AND " + expr + " IS NULL");
            }
            requireValidValues(s, file, schema, sourceNames, badWhen);
            List<List<String>> dictionaries = codeFewValuedStrings(s, file, sourceNames, storage, select);
            // The converted rows stream into the columnar arrays chunk by chunk (the connection streams results,
            // see EmbeddedDuckDb.openStreaming): no converted copy and no whole result is held, so a 100M-row
            // table costs its Java arrays and a few chunks. Insertion order is kept, so rows stay in file order.
            try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", select) + " FROM " + RAW)) {
                return ResultSetTableReader.read(rs, schema, storage, dictionaries, (int) rows);
            }
        } catch (SQLException e) {
            throw new SchemaException(file.path() + ": cannot read table '" + schema.name() + "': "
                    + EmbeddedDuckDb.firstLine(e), readHint(file), e);
        } finally {
            dropScratchTables(file, schema.columns().size());
        }
    }

    /**
     * A Parquet file is typed and numbered by itself, so it is read where it lies through a view (each check
     * and the final read scan the file again, columns at a time, which costs seconds where a copy would cost
     * the table's size in memory). A CSV file is copied as text into a table, because only a table's rowid
     * numbers CSV rows in file order for messages; DuckDB spills that copy to disk past its memory limit.
     */
    private void scanIntoRawTable(Statement s, DataFile file, TableSchema schema) {
        requireContent(file, schema);
        try {
            if (file.format() == DataFile.Format.PARQUET) {
                s.execute("CREATE OR REPLACE TEMP VIEW " + RAW + " AS SELECT * FROM " + file.scanSql(true));
                return;
            }
            s.execute("CREATE OR REPLACE TEMP TABLE " + RAW + " AS SELECT * FROM " + file.scanSql(true));
            for (String column : fileColumnTypes(s).keySet()) {
                // DuckDB's rowid numbers the rows for messages; a file column of that name would hide it
                if (column.equalsIgnoreCase("rowid")) {
                    s.execute("ALTER TABLE " + RAW + " RENAME COLUMN " + SqlIdentifier.quote(column) + " TO "
                            + SqlIdentifier.quote(HIDDEN_ROWID_PREFIX + column));
                }
            }
        } catch (SQLException e) {
            throw CsvRowWidth.tooWideInScan(file, e).orElseGet(() -> new SchemaException(file.path()
                    + ": cannot read: " + EmbeddedDuckDb.firstLine(e), readHint(file), e));
        }
    }

    /** A blank file would read as one column named column0: say it is empty rather than that a column is missing. */
    private static void requireContent(DataFile file, TableSchema schema) {
        if (file.isEmpty()) {
            throw new SchemaException(file.path() + ": the file is empty (table '" + schema.name()
                    + "' needs a header row and data rows)", "export the table again, or remove it from schema.yaml");
        }
    }

    /** The file's name for a column of the scratch table. */
    private static String fileName(String rawColumn) {
        return rawColumn.startsWith(HIDDEN_ROWID_PREFIX) ? rawColumn.substring(HIDDEN_ROWID_PREFIX.length())
                : rawColumn;
    }

    private static String readHint(DataFile file) {
        return file.format() == DataFile.Format.CSV
                ? "the file must be CSV with a header row (comma, semicolon or tab separated; .gz allowed)"
                : "the file must be a valid Parquet file";
    }

    /** DuckDB refuses to drop a view as a table and the reverse, so the scratch is dropped as what it was made. */
    private void dropScratchTables(DataFile file, int columns) {
        try (Statement s = duck.createStatement()) {
            s.execute("DROP " + (file.format() == DataFile.Format.PARQUET ? "VIEW" : "TABLE") + " IF EXISTS " + RAW);
            for (int i = 0; i < columns; i++) {
                s.execute("DROP TYPE IF EXISTS " + DICTIONARY_TYPE_PREFIX + i);
            }
        } catch (SQLException ignored) {
            // the connection is closed with the load; a leftover temp table dies with it
        }
    }

    /** Scratch table column name → DuckDB type, in file order. */
    private static Map<String, String> fileColumnTypes(Statement s) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (ResultSet rs = s.executeQuery("DESCRIBE " + RAW)) {
            while (rs.next()) {
                types.put(rs.getString("column_name"), rs.getString("column_type"));
            }
        }
        return types;
    }

    /** The scratch table column holding a declared column: same name ignoring case and stray spaces. */
    private static String fileColumn(Map<String, String> rawTypes, String declared, DataFile file,
                                     TableSchema schema) {
        for (String raw : rawTypes.keySet()) {
            if (fileName(raw).strip().equalsIgnoreCase(declared.strip())) {
                return raw;
            }
        }
        throw new SchemaException(file.path() + ": table '" + schema.name() + "' declares column '" + declared
                + "', which the file does not have", "the file's columns are: " + String.join(", ",
                rawTypes.keySet().stream().map(DuckDbTableReader::fileName).toList())
                + "; fix the name in schema.yaml or the file's header");
    }

    private static long count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Keys like "0042" stay strings: as numbers they would no longer match "0042" in another table. */
    private static boolean isIntegerColumn(Statement s, String ref) throws SQLException {
        return count(s, "SELECT count(*) FROM " + RAW + " WHERE " + ref + " IS NOT NULL AND NOT regexp_full_match("
                + "trim(" + ref + "), '-?(0|[1-9][0-9]{0,17})')") == 0;
    }

    /** The SQL that turns the file's value into its stored form; NULL where the value does not fit. */
    private static String converted(SemanticType type, String ref, boolean text, boolean integerId) {
        String asText = text ? ref : "CAST(" + ref + " AS VARCHAR)";
        return switch (type) {
            case NUMERICAL -> "TRY_CAST(" + ref + " AS DOUBLE)";
            case BOOLEAN -> "(CASE lower(trim(" + asText + ")) WHEN 'true' THEN 1.0 WHEN 't' THEN 1.0"
                    + " WHEN 'yes' THEN 1.0 WHEN 'y' THEN 1.0 WHEN '1' THEN 1.0 WHEN 'false' THEN 0.0"
                    + " WHEN 'f' THEN 0.0 WHEN 'no' THEN 0.0 WHEN 'n' THEN 0.0 WHEN '0' THEN 0.0 END)";
            // TIMESTAMPTZ honours an explicit offset (…+01:00); without one the session zone, UTC, applies
            case TIMESTAMP -> "epoch_ms(TRY_CAST(" + (text ? "trim(" + ref + ")" : ref) + " AS TIMESTAMPTZ))";
            case ID -> integerId ? (text ? "CAST(trim(" + ref + ") AS BIGINT)" : "CAST(" + ref + " AS BIGINT)")
                    : asText;
            case CATEGORICAL, TEXT -> asText;
        };
    }

    private static void requireValidValues(Statement s, DataFile file, TableSchema schema, List<String> names,
                                           List<String> badWhen) throws SQLException {
        List<Integer> checked = new ArrayList<>();
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < badWhen.size(); i++) {
            if (badWhen.get(i) != null) {
                checked.add(i);
                counts.add("count(*) FILTER (WHERE " + badWhen.get(i) + ")");
            }
        }
        if (checked.isEmpty()) {
            return;
        }
        long[] bad = new long[checked.size()];
        try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", counts) + " FROM " + RAW)) {
            rs.next();
            for (int k = 0; k < bad.length; k++) {
                bad[k] = rs.getLong(k + 1);
            }
        }
        List<String> otherBadColumns = new ArrayList<>();
        int first = -1;
        for (int k = 0; k < bad.length; k++) {
            if (bad[k] > 0) {
                if (first < 0) {
                    first = k;
                } else {
                    otherBadColumns.add(names.get(checked.get(k)));
                }
            }
        }
        if (first < 0) {
            return;
        }
        int col = checked.get(first);
        ColumnSchema column = schema.columns().get(col);
        String ref = SqlIdentifier.quote(names.get(col));
        List<String> examples = new ArrayList<>();
        long firstRow = -1;
        String firstValue = null;
        try (ResultSet rs = s.executeQuery("SELECT " + ROW + " + 1, CAST(" + ref + " AS VARCHAR) FROM "
                + numberedRows(file) + " WHERE " + badWhen.get(col) + " ORDER BY " + ROW + " LIMIT " + EXAMPLES)) {
            while (rs.next()) {
                if (firstRow < 0) {
                    firstRow = rs.getLong(1);
                    firstValue = rs.getString(2);
                } else {
                    examples.add("row " + rs.getLong(1) + " '" + rs.getString(2) + "'");
                }
            }
        }
        throw BadValues.error(file, column, firstRow, firstValue, bad[first], examples, otherBadColumns);
    }

    /**
     * Turns each string column with at most {@link #MAX_CODED} distinct values into {@link ColumnStorage#CODE}:
     * its dictionary, in order of first appearance, becomes a DuckDB ENUM, and the column is read as the ENUM's
     * code. Strings crossing the driver one per row made a 14M-row table with three categoricals take 114 s.
     * Changes {@code storage} and {@code select} in place.
     *
     * @return per column its dictionary when coded, else null
     */
    private static List<List<String>> codeFewValuedStrings(Statement s, DataFile file, List<String> sourceNames,
                                                           List<ColumnStorage> storage, List<String> select)
            throws SQLException {
        List<List<String>> dictionaries = new ArrayList<>();
        List<Integer> strings = new ArrayList<>();
        for (int i = 0; i < storage.size(); i++) {
            dictionaries.add(null);
            if (storage.get(i) == ColumnStorage.STRING) {
                strings.add(i);
            }
        }
        if (strings.isEmpty()) {
            return dictionaries;
        }
        // one pass estimates every column's distinct count, so a key-like column costs no exact count
        long[] distinct = new long[strings.size()];
        try (ResultSet rs = s.executeQuery("SELECT " + String.join(", ", strings.stream()
                .map(i -> "approx_count_distinct(" + SqlIdentifier.quote(sourceNames.get(i)) + ")").toList())
                + " FROM " + RAW)) {
            rs.next();
            for (int k = 0; k < distinct.length; k++) {
                distinct[k] = rs.getLong(k + 1);
            }
        }
        for (int k = 0; k < distinct.length; k++) {
            int i = strings.get(k);
            if (distinct[k] > MAX_CODED) {
                continue;
            }
            String ref = SqlIdentifier.quote(sourceNames.get(i));
            List<String> dictionary = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT v FROM (SELECT " + select.get(i) + " AS v, min(" + ROW
                    + ") AS first FROM " + numberedRows(file) + " WHERE " + ref + " IS NOT NULL GROUP BY 1) "
                    + "ORDER BY first LIMIT " + (MAX_CODED + 1))) {
                while (rs.next()) {
                    dictionary.add(rs.getString(1));
                }
            }
            if (dictionary.size() > MAX_CODED) {
                continue; // the estimate was low: read the strings
            }
            String type = DICTIONARY_TYPE_PREFIX + i;
            s.execute("DROP TYPE IF EXISTS " + type);
            s.execute("CREATE TYPE " + type + " AS ENUM (" + String.join(", ", dictionary.stream()
                    .map(v -> "'" + v.replace("'", "''") + "'").toList()) + ")");
            select.set(i, "CAST(enum_code(CAST(" + select.get(i) + " AS " + type + ")) AS INTEGER)");
            storage.set(i, ColumnStorage.CODE);
            dictionaries.set(i, dictionary);
        }
        return dictionaries;
    }

    /** The scratch rows with their 0-based file row number as {@link #ROW}: Parquet numbers its own rows. */
    private static String numberedRows(DataFile file) {
        return file.format() == DataFile.Format.PARQUET
                ? "(SELECT *, file_row_number AS " + ROW + " FROM " + file.parquetScanWithRowNumbersSql() + ")"
                : "(SELECT *, rowid AS " + ROW + " FROM " + RAW + ")";
    }
}
