package org.relgraph.graph;

/**
 * Out-degree distribution of one edge type over all its source nodes, zero-degree nodes included.
 * Median and p99 use the nearest-rank definition (the smallest degree d such that at least that fraction
 * of source nodes have degree at most d), so they are always degrees that actually occur.
 */
public record DegreeStats(int sourceNodes, long edges, int min, double mean, int median, int p99, int max) {

    /** Computes the statistics from CSR offsets with a degree histogram: O(nodes + max degree), no sort. */
    static DegreeStats fromOffsets(int[] offsets) {
        int nodes = offsets.length - 1;
        if (nodes == 0) {
            return new DegreeStats(0, 0, 0, 0.0, 0, 0, 0);
        }
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int v = 0; v < nodes; v++) {
            int d = offsets[v + 1] - offsets[v];
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        int[] histogram = new int[max + 1];
        for (int v = 0; v < nodes; v++) {
            histogram[offsets[v + 1] - offsets[v]]++;
        }
        long edges = offsets[nodes] - (long) offsets[0];
        return new DegreeStats(nodes, edges, min, (double) edges / nodes,
                nearestRank(histogram, nodes, 0.5), nearestRank(histogram, nodes, 0.99), max);
    }

    /** Every one of {@code nodes} sources has exactly one edge. */
    static DegreeStats oneEach(int nodes) {
        return nodes == 0 ? new DegreeStats(0, 0, 0, 0.0, 0, 0, 0) : new DegreeStats(nodes, nodes, 1, 1.0, 1, 1, 1);
    }

    private static int nearestRank(int[] histogram, int nodes, double fraction) {
        long rank = Math.max(1, (long) Math.ceil(fraction * nodes));
        long seen = 0;
        for (int d = 0; d < histogram.length; d++) {
            seen += histogram[d];
            if (seen >= rank) {
                return d;
            }
        }
        return histogram.length - 1;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%d sources, %d edges, degree min %d / mean %.2f / median %d"
                + " / p99 %d / max %d", sourceNodes, edges, min, mean, median, p99, max);
    }
}
