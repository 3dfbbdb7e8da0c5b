package org.relgraph.query;

/** BOOL: 1 if any target row of the entity in the window satisfies the condition, else 0. */
final class BoolLabeler implements WindowLabeler {
    private final WindowRows rows;
    private final RowPredicate condition;
    /** {@code hit[e] == stamp} marks a hit at the current anchor, so nothing is cleared between anchors. */
    private final int[] hit;
    private int stamp;

    BoolLabeler(WindowRows rows, RowPredicate condition, int entityCount) {
        this.rows = rows;
        this.condition = condition;
        this.hit = new int[entityCount];
    }

    @Override
    public void label(long anchor, int from, int to, EligibleEntities eligible, TrainingTable.Builder out) {
        stamp++;
        for (int i = from; i < to; i++) {
            int r = rows.order.row(i);
            int e = rows.entity(r);
            if (e >= 0 && eligible.mask[e] && hit[e] != stamp && condition.test(r)) {
                hit[e] = stamp;
            }
        }
        for (int k = 0; k < eligible.count; k++) {
            int e = eligible.rows[k];
            out.add(e, anchor, hit[e] == stamp ? 1 : 0);
        }
    }
}
