package org.relgraph.query;

import java.util.Arrays;

/**
 * ARGMAX, first cut: one example per target row of an eligible entity in the window — the candidate action the
 * row records — labelled 1 if the condition holds for it (e.g. the offer was accepted), else 0. The model layer
 * learns P(condition | entity, candidate) from these and ranks its own candidate set (e.g. offer × channel) at
 * prediction time. Examples are grouped by entity, then in time order. Entities with no rows get no example.
 */
final class ArgMaxLabeler implements WindowLabeler {
    private final WindowRows rows;
    private final RowPredicate condition;
    private long[] buffer = new long[1024];

    ArgMaxLabeler(WindowRows rows, RowPredicate condition) {
        this.rows = rows;
        this.condition = condition;
    }

    @Override
    public void label(long anchor, int from, int to, EligibleEntities eligible, TrainingTable.Builder out) {
        int n = 0;
        for (int i = from; i < to; i++) {
            int e = rows.entity(rows.order.row(i));
            if (e < 0 || !eligible.mask[e]) {
                continue;
            }
            if (n == buffer.length) {
                buffer = Arrays.copyOf(buffer, n * 2);
            }
            buffer[n++] = WindowRows.pack(e, i - from);
        }
        Arrays.sort(buffer, 0, n);
        for (int k = 0; k < n; k++) {
            int r = rows.order.row(from + WindowRows.valueOfPacked(buffer[k]));
            out.addCandidate(WindowRows.entityOfPacked(buffer[k]), anchor, r, condition.test(r) ? 1 : 0);
        }
    }
}
