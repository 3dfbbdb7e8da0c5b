package org.relgraph.source;

/**
 * Hears a load table by table, so that a command can tell its user what a load of millions of rows is doing. Called
 * on the loading thread, in schema order.
 */
public interface LoadListener {
    /** Hears nothing. */
    LoadListener NONE = new LoadListener() {
    };

    /** Table {@code index} (from 0) of {@code count} is about to be read. */
    default void reading(String table, int index, int count) {
    }

    /** A table was read: its rows, and the time the read took. */
    default void read(String table, int rows, long nanos) {
    }
}
