package org.relgraph.gnn.nn;

import java.util.Objects;

/**
 * An edge type: messages flow from {@code srcType} nodes to {@code dstType} nodes along {@code relation}.
 *
 * <p>Stand-in with the same shape as the graph module's {@code EdgeType(srcTable, relation, dstTable)};
 * swap it in once that lands.
 */
public record EdgeKey(String srcType, String relation, String dstType) {
    public EdgeKey {
        Objects.requireNonNull(srcType, "srcType");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(dstType, "dstType");
    }

    /** A name safe to use inside parameter names. */
    public String id() {
        return srcType + "__" + relation + "__" + dstType;
    }

    @Override
    public String toString() {
        return srcType + " -" + relation + "-> " + dstType;
    }
}
