package org.relgraph.gnn.nn;

/** The edges of one edge type in a batch: edge i goes from local row src[i] to local row dst[i]. */
public record EdgeIndex(int[] src, int[] dst) {
    public EdgeIndex {
        if (src.length != dst.length) {
            throw new IllegalArgumentException(src.length + " edge sources but " + dst.length + " edge destinations");
        }
    }

    public int numEdges() {
        return src.length;
    }
}
