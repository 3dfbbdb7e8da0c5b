package org.relgraph.validate;

/** What to do with a child row whose foreign key matches no parent row. */
public enum DanglingPolicy {
    /** Report an error and load nothing. */
    FAIL,
    /** Remove such rows (and, in turn, rows that referenced them) and report how many went. */
    DROP
}
