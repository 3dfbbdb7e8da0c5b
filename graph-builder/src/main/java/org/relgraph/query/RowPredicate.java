package org.relgraph.query;

/** A condition compiled against one table: does row {@code row} satisfy it? */
@FunctionalInterface
public interface RowPredicate {
    RowPredicate ALWAYS = row -> true;

    boolean test(int row);
}
