package org.relgraph.validate;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.DoubleColumn;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/** Copies a table keeping only some rows, in order; dictionaries are kept whole so codes stay comparable. */
final class RowSelection {
    private RowSelection() {
    }

    static Table keep(Table table, BitSet keep) {
        int n = keep.cardinality();
        List<Column> columns = new ArrayList<>();
        for (Column c : table.columns()) {
            columns.add(keep(c, keep, n));
        }
        return new Table(table.schema(), columns);
    }

    private static Column keep(Column column, BitSet keep, int n) {
        BitSet nulls = new BitSet();
        if (column instanceof DoubleColumn d) {
            double[] v = new double[n];
            int i = 0;
            for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1), i++) {
                v[i] = d.get(r);
                nulls.set(i, d.isNull(r));
            }
            return new DoubleColumn(d.name(), d.type(), v, nulls);
        }
        if (column instanceof LongColumn l) {
            long[] v = new long[n];
            int i = 0;
            for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1), i++) {
                v[i] = l.get(r);
                nulls.set(i, l.isNull(r));
            }
            return new LongColumn(l.name(), l.type(), v, nulls);
        }
        CategoricalColumn c = (CategoricalColumn) column;
        int[] codes = new int[n];
        int i = 0;
        for (int r = keep.nextSetBit(0); r >= 0; r = keep.nextSetBit(r + 1), i++) {
            codes[i] = c.code(r);
        }
        return new CategoricalColumn(c.name(), c.type(), codes, c.dictionary());
    }
}
