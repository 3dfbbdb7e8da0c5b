package org.relgraph.query;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.TableSchema;
import org.relgraph.table.CategoricalColumnBuilder;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/** Builds small tables from literal rows, one value per schema column; timestamps as 'yyyy-MM-dd' or Instant. */
final class TestTables {
    private TestTables() {
    }

    static long day(String isoDate) {
        return LocalDate.parse(isoDate).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    static Table of(TableSchema schema, Object[]... rows) {
        List<Column> columns = new ArrayList<>();
        for (int c = 0; c < schema.columns().size(); c++) {
            ColumnSchema cs = schema.columns().get(c);
            int n = rows.length;
            BitSet nulls = new BitSet();
            switch (cs.type()) {
                case ID, TIMESTAMP -> {
                    long[] v = new long[n];
                    for (int r = 0; r < n; r++) {
                        Object o = rows[r][c];
                        if (o == null) {
                            nulls.set(r);
                        } else if (o instanceof String s) {
                            v[r] = day(s);
                        } else if (o instanceof Instant i) {
                            v[r] = i.toEpochMilli();
                        } else {
                            v[r] = ((Number) o).longValue();
                        }
                    }
                    columns.add(new LongColumn(cs.name(), cs.type(), v, nulls));
                }
                case NUMERICAL, BOOLEAN -> {
                    double[] v = new double[n];
                    for (int r = 0; r < n; r++) {
                        Object o = rows[r][c];
                        if (o == null) {
                            nulls.set(r);
                        } else {
                            v[r] = o instanceof Boolean b ? (b ? 1 : 0) : ((Number) o).doubleValue();
                        }
                    }
                    columns.add(new DoubleColumn(cs.name(), cs.type(), v, nulls));
                }
                default -> {
                    CategoricalColumnBuilder b = new CategoricalColumnBuilder(cs.name(), cs.type(), n);
                    for (Object[] row : rows) {
                        b.add((String) row[c]);
                    }
                    columns.add(b.build());
                }
            }
        }
        return new Table(schema, columns);
    }
}
