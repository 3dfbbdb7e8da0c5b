package org.relgraph.query;

import java.util.Arrays;

/**
 * LIST_DISTINCT: the distinct parent rows the entity's target rows in the window reference through the listed
 * foreign key, ascending. Rows whose key is null or dangling are skipped; entities with an empty list get no
 * example (there is nothing to rank against), as in RelBench's link tasks.
 */
final class ListDistinctLabeler implements WindowLabeler {
    private final WindowRows rows;
    private final int[] referenced;
    private long[] buffer = new long[1024];

    ListDistinctLabeler(WindowRows rows, int[] referencedRows) {
        this.rows = rows;
        this.referenced = referencedRows;
    }

    @Override
    public void label(long anchor, int from, int to, EligibleEntities eligible, TrainingTable.Builder out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int r = rows.order.row(i);
            int e = rows.entity(r);
            int item = referenced[r];
            if (e < 0 || item < 0 || !eligible.mask[e]) {
                continue;
            }
            if (n == buffer.length) {
                buffer = Arrays.copyOf(buffer, n * 2);
            }
            buffer[n++] = WindowRows.pack(e, item);
        }
        Arrays.sort(buffer, 0, n);
        int i = 0;
        int[] items = new int[16];
        while (i < n) {
            int e = WindowRows.entityOfPacked(buffer[i]);
            int size = 0;
            for (; i < n && WindowRows.entityOfPacked(buffer[i]) == e; i++) {
                if (size == 0 || buffer[i] != buffer[i - 1]) {
                    if (size == items.length) {
                        items = Arrays.copyOf(items, size * 2);
                    }
                    items[size++] = WindowRows.valueOfPacked(buffer[i]);
                }
            }
            out.addList(e, anchor, Arrays.copyOf(items, size));
        }
    }
}
