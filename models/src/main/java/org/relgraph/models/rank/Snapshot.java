package org.relgraph.models.rank;

import java.util.Arrays;

/**
 * Interaction counts known at one time: per entity the items it interacted with and how often, item popularity,
 * and — when there are at most {@value #MAX_DENSE_ITEMS} items — the cosine similarity of items by the entities
 * they share (item-item co-occurrence). Above that a dense item × item matrix would not fit comfortably and CF falls
 * back to own history plus popularity.
 */
final class Snapshot {
    static final int MAX_DENSE_ITEMS = 2048;

    private final int items;
    private final int[] start;
    private final int[] entityItems;
    private final float[] entityCounts;
    private final double[] popularity;
    private final float[] cosine;

    Snapshot(int items, int entities, int[] entity, int[] item) {
        this.items = items;
        // Group (entity, item) pairs: sort packed keys, then count runs.
        long[] keys = new long[entity.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = ((long) entity[i] << 32) | item[i];
        }
        Arrays.sort(keys);
        start = new int[entities + 1];
        int distinct = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] != keys[i - 1]) {
                distinct++;
            }
        }
        entityItems = new int[distinct];
        entityCounts = new float[distinct];
        popularity = new double[items];
        int d = -1;
        for (int i = 0; i < keys.length; i++) {
            int e = (int) (keys[i] >>> 32);
            int it = (int) keys[i];
            if (i == 0 || keys[i] != keys[i - 1]) {
                d++;
                entityItems[d] = it;
                start[e + 1]++;
                popularity[it]++;
            }
            entityCounts[d]++;
        }
        for (int e = 0; e < entities; e++) {
            start[e + 1] += start[e];
        }
        cosine = items <= MAX_DENSE_ITEMS ? cosine() : null;
    }

    /** cos(i, j) = |E_i ∩ E_j| / sqrt(|E_i| |E_j|) over the sets of entities that interacted with each item. */
    private float[] cosine() {
        float[] co = new float[items * items];
        for (int e = 0; e + 1 < start.length; e++) {
            for (int a = start[e]; a < start[e + 1]; a++) {
                for (int b = start[e]; b < start[e + 1]; b++) {
                    co[entityItems[a] * items + entityItems[b]]++;
                }
            }
        }
        for (int i = 0; i < items; i++) {
            for (int j = 0; j < items; j++) {
                if (i != j) {
                    double denominator = Math.sqrt((double) co[i * items + i] * co[j * items + j]);
                    co[i * items + j] = denominator == 0 ? 0 : (float) (co[i * items + j] / denominator);
                }
            }
        }
        for (int i = 0; i < items; i++) {
            co[i * items + i] = 0; // own history is scored separately
        }
        return co;
    }

    /**
     * Every item's score for entity {@code e}: {@code own} × its share of the entity's interactions +
     * {@code neighbours} × mean cosine to the entity's items + a small popularity share, which alone ranks items for
     * an entity with no history (cold start) and breaks ties otherwise.
     */
    double[] scores(int e, CfWeights w) {
        double[] s = new double[items];
        double maxPopularity = 0;
        for (double p : popularity) {
            maxPopularity = Math.max(maxPopularity, p);
        }
        for (int j = 0; j < items; j++) {
            s[j] = maxPopularity == 0 ? 0 : w.popularity() * popularity[j] / maxPopularity;
        }
        if (e < 0 || e + 1 >= start.length || start[e] == start[e + 1]) {
            return s;
        }
        double total = 0;
        for (int a = start[e]; a < start[e + 1]; a++) {
            total += entityCounts[a];
        }
        int own = start[e + 1] - start[e];
        for (int a = start[e]; a < start[e + 1]; a++) {
            int i = entityItems[a];
            s[i] += w.own() * entityCounts[a] / total;
            if (cosine != null && w.neighbours() != 0) {
                for (int j = 0; j < items; j++) {
                    s[j] += w.neighbours() * cosine[i * items + j] / own;
                }
            }
        }
        return s;
    }
}
