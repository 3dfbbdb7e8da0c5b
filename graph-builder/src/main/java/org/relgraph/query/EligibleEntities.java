package org.relgraph.query;

/** The entities that get an example at one anchor: those that exist then and pass the filter. */
final class EligibleEntities {
    final boolean[] mask;
    final int[] rows;
    int count;

    EligibleEntities(int entityCount) {
        this.mask = new boolean[entityCount];
        this.rows = new int[entityCount];
    }
}
