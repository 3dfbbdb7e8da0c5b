package org.relgraph.query;

import java.util.Arrays;

/**
 * Ranking examples as the model consumes them: one seed per (entity, anchor) — the entity row and the time its
 * inputs are seen as of — with the candidate actions that were actually taken with it in the label window (e.g.
 * offers shown) and whether the query's condition held for each (e.g. accepted). Aligned arrays.
 *
 * @param shown    per seed, indices into the action space, -1 for an action outside it (first seen after
 *                 training: accepted, it is relevant yet unrankable); an action may appear more than once
 * @param accepted per seed, aligned with {@code shown}
 * @param eligible per seed, whether each action of the space may be recommended to it as of its anchor (an ARGMAX
 *                 query's OFFERING rule), or null when every action may: ineligible actions are neither trained on
 *                 nor ranked
 */
public record RankingSeeds(int[] rows, long[] times, int[][] shown, boolean[][] accepted, boolean[][] eligible) {
    public RankingSeeds(int[] rows, long[] times, int[][] shown, boolean[][] accepted) {
        this(rows, times, shown, accepted, null);
    }

    public RankingSeeds {
        if (rows.length != times.length || rows.length != shown.length || rows.length != accepted.length
                || eligible != null && eligible.length != rows.length) {
            throw new IllegalArgumentException("rows, times, shown, accepted and eligible must align");
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

    /** Which actions seed i may be recommended, or null when all may. */
    public boolean[] eligible(int i) {
        return eligible == null ? null : eligible[i];
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
