package org.relgraph.graph;

import java.util.Objects;

/**
 * A typed, directed relation between two node types (tables). Every foreign key {@code child.col -> parent}
 * yields a forward type {@code child -[col]-> parent} and a reverse type {@code parent -[rev_col]-> child}.
 */
public record EdgeType(String srcTable, String relation, String dstTable) {
    /** Prefix of the relation name of the reverse edge type of a foreign key. */
    public static final String REVERSE_PREFIX = "rev_";

    public EdgeType {
        Objects.requireNonNull(srcTable, "srcTable");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(dstTable, "dstTable");
    }

    @Override
    public String toString() {
        return srcTable + " -[" + relation + "]-> " + dstTable;
    }
}
