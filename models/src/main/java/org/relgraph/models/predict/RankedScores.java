package org.relgraph.models.predict;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Entities ordered by score, best first; ties keep input order so a ranking is reproducible. */
public final class RankedScores {
    private RankedScores() {
    }

    /** Indices into {@code scores}, highest score first (NaN last). */
    public static int[] order(double[] scores, boolean higherIsBetter) {
        Comparator<Integer> byScore = Comparator.comparingDouble(i -> Double.isNaN(scores[i])
                ? Double.NEGATIVE_INFINITY : (higherIsBetter ? scores[i] : -scores[i]));
        Integer[] idx = IntStream.range(0, scores.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, byScore.reversed());
        return Arrays.stream(idx).mapToInt(Integer::intValue).toArray();
    }
}
