package org.relgraph.source;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.CategoricalColumnBuilder;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/**
 * Copies a result set into a columnar {@link Table}. Column i of the result set is column i of the table
 * schema, already converted to its {@link ColumnStorage} by the query; numbers are read with typed getters
 * so no String is made per numeric value.
 */
final class ResultSetTableReader {
    private ResultSetTableReader() {
    }

    /**
     * @param dictionaries for each {@link ColumnStorage#CODE} column its values in code order; null elsewhere
     *                     (the list itself may be null when no column is coded)
     */
    static Table read(ResultSet rs, TableSchema schema, List<ColumnStorage> storage,
                      List<List<String>> dictionaries, int expectedRows) throws SQLException {
        List<ColumnSchema> columns = schema.columns();
        int n = columns.size();
        double[][] doubles = new double[n][];
        long[][] longs = new long[n][];
        int[][] codes = new int[n][];
        BitSet[] nulls = new BitSet[n];
        CategoricalColumnBuilder[] strings = new CategoricalColumnBuilder[n];
        int capacity = Math.max(16, expectedRows);
        for (int c = 0; c < n; c++) {
            switch (storage.get(c)) {
                case DOUBLE -> doubles[c] = new double[capacity];
                case LONG -> longs[c] = new long[capacity];
                case CODE -> codes[c] = new int[capacity];
                case STRING -> strings[c] = new CategoricalColumnBuilder(columns.get(c).name(),
                        columns.get(c).type(), expectedRows);
            }
            nulls[c] = new BitSet();
        }
        int rows = 0;
        while (rs.next()) {
            if (rows == capacity) {
                capacity *= 2;
                for (int c = 0; c < n; c++) {
                    if (doubles[c] != null) {
                        doubles[c] = Arrays.copyOf(doubles[c], capacity);
                    } else if (longs[c] != null) {
                        longs[c] = Arrays.copyOf(longs[c], capacity);
                    } else if (codes[c] != null) {
                        codes[c] = Arrays.copyOf(codes[c], capacity);
                    }
                }
            }
            for (int c = 0; c < n; c++) {
                switch (storage.get(c)) {
                    case DOUBLE -> {
                        doubles[c][rows] = rs.getDouble(c + 1);
                        if (rs.wasNull()) {
                            nulls[c].set(rows);
                        }
                    }
                    case LONG -> {
                        longs[c][rows] = rs.getLong(c + 1);
                        if (rs.wasNull()) {
                            nulls[c].set(rows);
                        }
                    }
                    case CODE -> {
                        int code = rs.getInt(c + 1);
                        codes[c][rows] = rs.wasNull() ? CategoricalColumn.NULL_CODE : code;
                    }
                    case STRING -> strings[c].add(rs.getString(c + 1));
                }
            }
            rows++;
        }
        List<Column> built = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            ColumnSchema cs = columns.get(c);
            built.add(switch (storage.get(c)) {
                case DOUBLE -> new DoubleColumn(cs.name(), cs.type(), Arrays.copyOf(doubles[c], rows), nulls[c]);
                case LONG -> new LongColumn(cs.name(), cs.type(), Arrays.copyOf(longs[c], rows), nulls[c]);
                case CODE -> new CategoricalColumn(cs.name(), cs.type(), Arrays.copyOf(codes[c], rows),
                        dictionaries.get(c));
                case STRING -> strings[c].build();
            });
        }
        return new Table(schema, built);
    }
}
