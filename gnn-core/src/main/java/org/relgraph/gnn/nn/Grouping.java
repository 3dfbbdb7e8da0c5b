package org.relgraph.gnn.nn;

/**
 * Positions 0..n-1 grouped by an int key in [0, numGroups) (compressed sparse rows), keeping the
 * original order inside a group.
 *
 * <p>Summing per group in this fixed order makes scatter-adds deterministic and lets each group be
 * written by exactly one thread, so no atomics or locks are needed when parallelising.
 */
public final class Grouping {
    private final int[] start; // numGroups + 1 offsets into members
    private final int[] members;

    private Grouping(int[] start, int[] members) {
        this.start = start;
        this.members = members;
    }

    public static Grouping byKey(int[] keys, int numGroups) {
        int[] start = new int[numGroups + 1];
        for (int i = 0; i < keys.length; i++) {
            int k = keys[i];
            if (k < 0 || k >= numGroups) {
                throw new IndexOutOfBoundsException("key " + k + " at position " + i + " not in [0, " + numGroups + ")");
            }
            start[k + 1]++;
        }
        for (int g = 0; g < numGroups; g++) {
            start[g + 1] += start[g];
        }
        int[] next = java.util.Arrays.copyOf(start, numGroups);
        int[] members = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            members[next[keys[i]]++] = i;
        }
        return new Grouping(start, members);
    }

    public int numGroups() {
        return start.length - 1;
    }

    public int numMembers() {
        return members.length;
    }

    public int size(int group) {
        return start[group + 1] - start[group];
    }

    int begin(int group) {
        return start[group];
    }

    int end(int group) {
        return start[group + 1];
    }

    int member(int k) {
        return members[k];
    }
}
