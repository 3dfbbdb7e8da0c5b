package org.relgraph.gnn.nn;

/**
 * The edges of one edge type in a batch: edge i goes from local row src[i] to local row dst[i]. {@code weights},
 * when not null, scales each edge's message (1 = the ordinary graph, 0 = as if the edge were absent); explanations
 * integrate over them to credit individual neighbour rows. Training and scoring leave it null.
 */
public record EdgeIndex(int[] src, int[] dst, double[] weights) {
    public EdgeIndex {
        if (src.length != dst.length) {
            throw new IllegalArgumentException(src.length + " edge sources but " + dst.length + " edge destinations");
        }
        if (weights != null && weights.length != src.length) {
            throw new IllegalArgumentException(src.length + " edges but " + weights.length + " edge weights");
        }
    }

    public EdgeIndex(int[] src, int[] dst) {
        this(src, dst, null);
    }

    public int numEdges() {
        return src.length;
    }
}
