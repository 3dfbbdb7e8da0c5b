package org.relgraph.query;

/**
 * Computes the labels of one anchor from the target rows in its window, sorted positions
 * {@code [from, to)} of the target table's {@link TimeOrder}, and appends one example per labelled entity.
 * Implementations keep per-entity scratch arrays between anchors, so one instance serves one thread.
 */
interface WindowLabeler {
    void label(long anchor, int from, int to, EligibleEntities eligible, TrainingTable.Builder out);
}
