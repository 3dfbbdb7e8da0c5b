package org.relgraph.gnn.encode;

import java.util.HashMap;
import java.util.Map;

/**
 * Child summaries computed elsewhere and looked up here: per (row, as-of time), the floats
 * {@link ChildActivityFeatures#write} wrote for that row at that time (what the Spark {@code neighbourhoods} job
 * stores under {@code summaries/}). A lookup of a (row, time) that was not stored is a bug in whoever stored them,
 * so it throws rather than encode zeros.
 */
public final class StoredChildSummaries implements ChildSummaries {
    private final String table;
    private final int width;
    private final Map<Key, float[]> values = new HashMap<>();

    /** @param table named in messages */
    public StoredChildSummaries(String table, int width) {
        this.table = table;
        this.width = width;
    }

    /** Stores row {@code row}'s summaries as of {@code asOfMs}; they must be {@link #width()} long. */
    public void put(int row, long asOfMs, float[] summary) {
        if (summary.length != width) {
            throw new IllegalArgumentException("the child summaries of " + table + " row " + row + " have "
                    + summary.length + " values, not " + width);
        }
        values.put(new Key(row, asOfMs), summary);
    }

    /** Whether row {@code row}'s summaries as of {@code asOfMs} were stored. */
    public boolean has(int row, long asOfMs) {
        return values.containsKey(new Key(row, asOfMs));
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public void write(int row, long seedTimeMs, float[] out, int offset) {
        float[] v = values.get(new Key(row, seedTimeMs));
        if (v == null) {
            throw new IllegalStateException("no child summaries of " + table + " row " + row + " as of "
                    + java.time.Instant.ofEpochMilli(seedTimeMs) + " were stored");
        }
        System.arraycopy(v, 0, out, offset, width);
    }

    private record Key(int row, long asOf) {
    }
}
