package org.relgraph.source;

/**
 * Hears a load table by table, so that a command can tell its user what a load of millions of rows is doing. Called
 * on the loading thread, in schema order.
 */
@FunctionalInterface
public interface LoadListener {
    /** Hears nothing. */
    LoadListener NONE = (table, rows, nanos) -> {
    };

    /** A table was read: its rows, and the time the read took. */
    void read(String table, int rows, long nanos);
}
