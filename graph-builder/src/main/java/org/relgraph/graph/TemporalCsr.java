package org.relgraph.graph;

/**
 * The edges of one edge type in compressed sparse row form. The out-edges of source node {@code v} are
 * the positions {@code offsets[v] .. offsets[v+1]-1} of {@code targets} and {@code times}, ordered by edge
 * time ascending, ties by target ascending, so the edges visible at time t are a prefix found by binary search.
 *
 * <p>{@code times} is null when the rows that hold the key are static: every edge then has time
 * {@link Long#MIN_VALUE} (always visible), and storing that constant would cost 8 bytes per edge for nothing.
 *
 * <p>The arrays are exposed without copying for message-passing code; they must not be modified.
 */
public final class TemporalCsr {
    /** Which end of each edge is the row holding the foreign key, i.e. whose node time is the edge time. */
    public enum KeyHolder {
        /** Forward edges (child to parent): a source node visible at t sees all its edges at t. */
        SOURCE,
        /** Reverse edges (parent to child): each edge's time is its target's node time. */
        TARGET
    }

    private final KeyHolder keyHolder;
    /**
     * Null when every source has exactly one edge: the edge of node v is then at position v, and the builder hands
     * in the database's own arrays as targets and times (parent rows, the child's time column).
     */
    private final int[] offsets;
    private final int sourceCount;
    private final int[] targets;
    private final long[] times;
    private final boolean targetsNeverLaterThanEdges;
    private final boolean oneEdgePerSource;

    /**
     * @param targetsNeverLaterThanEdges true when every target node's own time is at or before its edge's time,
     *        so a sampler that respects edge times can skip checking target node times
     */
    TemporalCsr(KeyHolder keyHolder, int[] offsets, int[] targets, long[] times,
                boolean targetsNeverLaterThanEdges) {
        this.keyHolder = keyHolder;
        this.offsets = offsets;
        this.targets = targets;
        this.times = times;
        this.targetsNeverLaterThanEdges = targetsNeverLaterThanEdges;
        this.oneEdgePerSource = offsets == null || isIdentity(offsets);
        this.sourceCount = offsets == null ? targets.length : offsets.length - 1;
    }

    private static boolean isIdentity(int[] offsets) {
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != i) {
                return false;
            }
        }
        return true;
    }

    public int sourceCount() {
        return sourceCount;
    }

    public int edgeCount() {
        return targets.length;
    }

    /** First edge position of {@code node}. */
    public int start(int node) {
        return offsets == null ? node : offsets[node];
    }

    /** One past the last edge position of {@code node}. */
    public int end(int node) {
        return offsets == null ? node + 1 : offsets[node + 1];
    }

    public int degree(int node) {
        return end(node) - start(node);
    }

    public int target(int edge) {
        return targets[edge];
    }

    /** The time of the row that holds the key behind this edge; {@link Long#MIN_VALUE} for a static row. */
    public long time(int edge) {
        return times == null ? Long.MIN_VALUE : times[edge];
    }

    /**
     * One past the last edge position of {@code node} whose time is at or before {@code t}: the visible
     * edges at time t are {@code start(node) .. endAtOrBefore(node, t)-1}.
     */
    public int endAtOrBefore(int node, long t) {
        int lo = start(node);
        int hi = end(node);
        if (times == null) {
            return hi;
        }
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** How many out-edges of {@code node} have time at or before {@code t}. */
    public int countAtOrBefore(int node, long t) {
        return endAtOrBefore(node, t) - start(node);
    }

    public KeyHolder keyHolder() {
        return keyHolder;
    }

    /**
     * True when every source has exactly one edge (a foreign key with no null or dangling value), so the edge
     * of node v is at position v and hot loops can skip the dependent load of {@code offsets}.
     */
    public boolean oneEdgePerSource() {
        return oneEdgePerSource;
    }

    public boolean targetsNeverLaterThanEdges() {
        return targetsNeverLaterThanEdges;
    }

    /** The offsets array, or null when {@link #oneEdgePerSource()} holds and none is stored. */
    public int[] offsets() {
        return offsets;
    }

    public int[] targets() {
        return targets;
    }

    /** Edge times aligned with {@link #targets()}, or null when all edges are static (always visible). */
    public long[] times() {
        return times;
    }

    /** Bytes held by the arrays of this CSR and no one else (array headers ignored). */
    public long memoryBytes() {
        if (offsets == null) {
            return 0; // targets and times are the database's arrays (see offsets)
        }
        return 4L * offsets.length + 4L * targets.length + (times == null ? 0 : 8L * times.length);
    }

    public DegreeStats degreeStats() {
        return offsets == null ? DegreeStats.oneEach(sourceCount) : DegreeStats.fromOffsets(offsets);
    }
}
