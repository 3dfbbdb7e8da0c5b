package org.relgraph.gnn.train;

import java.util.Arrays;

/**
 * Ranking examples as the model consumes them: one seed per (entity, anchor) — the entity row and the time its
 * inputs are seen as of — with the candidate actions that were actually taken with it in the label window (e.g.
 * offers shown) and whether the query's condition held for each (e.g. accepted). Aligned arrays.
 *
 * @param shown    per seed, indices into the action space, -1 for an action outside it (first seen after
 *                 training: accepted, it is relevant yet unrankable); an action may appear more than once
 * @param accepted per seed, aligned with {@code shown}
 */
public record RankingSeeds(int[] rows, long[] times, int[][] shown, boolean[][] accepted) {
    public RankingSeeds {
        if (rows.length != times.length || rows.length != shown.length || rows.length != accepted.length) {
            throw new IllegalArgumentException("rows, times, shown and accepted must align");
        }
        for (int i = 0; i < shown.length; i++) {
            if (shown[i].length != accepted[i].length) {
                throw new IllegalArgumentException("seed " + i + ": shown and accepted must align");
            }
        }
    }

    public int size() {
        return rows.length;
    }

    /** The distinct actions of seed i for which the condition held, ascending: the relevant set of ranking metrics. */
    public int[] relevant(int i) {
        int[] out = new int[shown[i].length];
        int n = 0;
        for (int j = 0; j < shown[i].length; j++) {
            if (accepted[i][j]) {
                out[n++] = shown[i][j];
            }
        }
        return Arrays.stream(out, 0, n).sorted().distinct().toArray();
    }
}
