package org.relgraph.gnn.encode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * The fitted encodings of one table's feature columns, in schema order. Serialises to the model bundle as it is
 * (see {@link EncodingJson}); {@link #bind(Table)} turns it into a {@link RowEncoder} for a loaded table.
 *
 * @param cutoffTimeMs the training cut-off the statistics were fitted with (ignored for a static table)
 * @param fitRowCount  number of rows the statistics were computed from
 */
public record TableEncoding(String table, long cutoffTimeMs, int fitRowCount, List<ColumnEncoding> columns) {
    public TableEncoding {
        columns = List.copyOf(columns);
    }

    public static TableEncoding fit(Table table, long cutoffTimeMs) {
        return fit(table, cutoffTimeMs, EncodingConfig.defaults());
    }

    /**
     * Fits statistics on the rows known by the cut-off: rows with time ≤ {@code cutoffTimeMs}, or every row of a
     * static table. Rows after the cut-off belong to validation/test periods and must not shape the encoding;
     * rows with a null time are left out too, as nothing shows they were known by then.
     *
     * <p>Primary-key, foreign-key and ID columns are not features and get no encoding. TEXT columns get hashed
     * words when {@link EncodingConfig#hashText()}, otherwise nothing.
     */
    public static TableEncoding fit(Table table, long cutoffTimeMs, EncodingConfig config) {
        int[] fitRows = rowsKnownBy(table, cutoffTimeMs);
        List<ColumnEncoding> encodings = new ArrayList<>();
        Set<String> keys = keyColumns(table.schema());
        for (ColumnSchema cs : table.schema().columns()) {
            if (keys.contains(cs.name().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Column column = table.requireColumn(cs.name());
            switch (cs.type()) {
                case NUMERICAL -> encodings.add(NumericalEncoding.fit((DoubleColumn) column, fitRows, config));
                case BOOLEAN -> encodings.add(new BooleanEncoding(column.name()));
                case TIMESTAMP -> encodings.add(TimestampEncoding.fit((LongColumn) column, fitRows));
                case CATEGORICAL -> encodings.add(CategoricalEncoding.fit((CategoricalColumn) column, fitRows, config));
                case TEXT -> {
                    if (config.hashText()) {
                        encodings.add(new TextHashEncoding(column.name(), config.textBuckets()));
                    }
                }
                case ID -> { }
            }
        }
        return new TableEncoding(table.name(), cutoffTimeMs, fitRows.length, encodings);
    }

    static int[] rowsKnownBy(Table table, long cutoffTimeMs) {
        int n = table.rowCount();
        if (table.timeColumn().isEmpty()) {
            int[] all = new int[n];
            for (int r = 0; r < n; r++) {
                all[r] = r;
            }
            return all;
        }
        LongColumn time = table.timeColumn().get();
        int[] rows = new int[n];
        int kept = 0;
        for (int r = 0; r < n; r++) {
            if (!time.isNull(r) && time.get(r) <= cutoffTimeMs) {
                rows[kept++] = r;
            }
        }
        return Arrays.copyOf(rows, kept);
    }

    private static Set<String> keyColumns(TableSchema schema) {
        Set<String> keys = new HashSet<>();
        schema.primaryKeyOpt().ifPresent(pk -> keys.add(pk.toLowerCase(Locale.ROOT)));
        for (ForeignKey fk : schema.foreignKeys()) {
            keys.add(fk.column().toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    /** What each output feature means, without needing the table. */
    public FeatureLayout layout() {
        List<NumericFeature> numeric = new ArrayList<>();
        List<CategoricalFeature> categorical = new ArrayList<>();
        for (ColumnEncoding e : columns) {
            if (e instanceof NumericColumnEncoding n) {
                numeric.addAll(n.features());
            } else if (e instanceof CategoricalEncoding c) {
                categorical.add(c.feature());
            }
        }
        return new FeatureLayout(table, numeric, categorical);
    }

    /**
     * Prepares to encode rows of {@code t}, typically the same table reloaded with the model. Columns the encoding
     * does not know are ignored; a fitted column that is gone or has changed type is an error, since the model's
     * inputs would silently shift. Category values new to {@code t} encode as {@link CategoricalEncoding#UNKNOWN_CODE}.
     *
     * @throws SchemaException naming the table and column, when a fitted column is missing or changed type
     */
    public RowEncoder bind(Table t) {
        if (!t.name().equalsIgnoreCase(table)) {
            throw new SchemaException("encoding for table '" + table + "' cannot encode table '" + t.name() + "'",
                    "look the encoding up by table name in the model's DatabaseEncoding");
        }
        List<NumericColumnWriter> writers = new ArrayList<>();
        List<int[]> codes = new ArrayList<>();
        List<int[]> codeMaps = new ArrayList<>();
        for (ColumnEncoding e : columns) {
            Column column = requireFittedColumn(t, e);
            if (e instanceof NumericColumnEncoding n) {
                writers.add(n.bind(column));
            } else if (e instanceof CategoricalEncoding c) {
                CategoricalColumn cc = (CategoricalColumn) column;
                codes.add(cc.codes());
                codeMaps.add(c.codesForDictionary(cc));
            }
        }
        return new RowEncoder(layout(), t.rowCount(), writers, widths(), codes, codeMaps);
    }

    /**
     * Per categorical column of {@code t}, the values new since training that {@link #bind} maps to the unknown
     * code (columns without any are left out), so a caller can tell the user instead of degrading silently. Values
     * that were merely too rare in training to get a code are unknown to the model by design and not reported,
     * except for an encoding that cannot tell them apart ({@link CategoricalEncoding#rareValueHashes} null).
     */
    public List<UnknownCategories> unknownCategories(Table t) {
        List<UnknownCategories> found = new ArrayList<>();
        for (ColumnEncoding e : columns) {
            if (!(e instanceof CategoricalEncoding c)) {
                continue;
            }
            CategoricalColumn column = (CategoricalColumn) requireFittedColumn(t, e);
            int[] codeMap = c.codesForDictionary(column);
            long[] rowsOf = new long[codeMap.length];
            for (int code : column.codes()) {
                if (code != CategoricalColumn.NULL_CODE && codeMap[code] == CategoricalEncoding.UNKNOWN_CODE) {
                    rowsOf[code]++;
                }
            }
            List<Integer> unknown = new ArrayList<>();
            long rows = 0;
            for (int code = 0; code < rowsOf.length; code++) {
                if (rowsOf[code] > 0 && !Boolean.TRUE.equals(c.seenInFitting(column.dictionary().get(code)))) {
                    unknown.add(code);
                    rows += rowsOf[code];
                }
            }
            if (unknown.isEmpty()) {
                continue;
            }
            unknown.sort(java.util.Comparator.<Integer>comparingLong(code -> -rowsOf[code])
                    .thenComparing(code -> column.dictionary().get(code)));
            found.add(new UnknownCategories(t.name(), column.name(), unknown.size(), rows,
                    unknown.stream().limit(3).map(code -> column.dictionary().get(code)).toList(),
                    c.rareValueHashes() != null));
        }
        return found;
    }

    private int[] widths() {
        return columns.stream().filter(e -> e instanceof NumericColumnEncoding)
                .mapToInt(e -> ((NumericColumnEncoding) e).features().size()).toArray();
    }

    private Column requireFittedColumn(Table t, ColumnEncoding e) {
        String where = t.name() + "." + e.column();
        Column column = t.column(e.column()).orElseThrow(() -> new SchemaException(
                "column " + where + " is missing from the data, but the model was trained on it",
                "restore column '" + e.column() + "' in the data (or schema.yaml), or retrain the model on the "
                        + "current schema"));
        if (column.type() != e.type()) {
            throw new SchemaException("column " + where + " was " + e.type().yamlName()
                    + " when the model was trained and is " + column.type().yamlName() + " now",
                    "make " + e.column() + " " + e.type().yamlName() + " again (its values and its type in "
                            + "schema.yaml), or retrain the model on the current data");
        }
        return column;
    }
}
