package org.relgraph.query;

/** The target table's rows in time order, each with the entity row it belongs to. */
final class WindowRows {
    final TimeOrder order;
    /** {@code entityOf[targetRow]}: the entity row, or -1; null when the target is the entity table itself. */
    private final int[] entityOf;

    WindowRows(TimeOrder order, int[] entityOf) {
        this.order = order;
        this.entityOf = entityOf;
    }

    int entity(int targetRow) {
        return entityOf == null ? targetRow : entityOf[targetRow];
    }

    /** Packs an entity row and a non-negative int so sorting the longs groups by entity. */
    static long pack(int entity, int value) {
        return ((long) entity << 32) | (value & 0xFFFFFFFFL);
    }

    static int entityOfPacked(long packed) {
        return (int) (packed >>> 32);
    }

    static int valueOfPacked(long packed) {
        return (int) packed;
    }
}
