package org.relgraph.sampling;

import java.util.Arrays;
import java.util.Objects;

/**
 * How a {@link TemporalNeighborSampler} expands each seed.
 *
 * @param fanouts  per hop, the most neighbours taken per (node, edge type); e.g. {20, 10} for two hops
 * @param strategy which visible neighbours to take when there are more than the fanout
 * @param seed     fixes every random choice; use {@link #withSeed} with e.g. {@code seed + epoch} to draw
 *                 fresh neighbourhoods each epoch
 */
public record SamplerConfig(int[] fanouts, Strategy strategy, long seed) {

    public enum Strategy {
        /** A uniform random subset (without replacement) of the visible neighbours. */
        UNIFORM,
        /** The visible neighbours with the latest edge times (ties: the highest row numbers). */
        MOST_RECENT
    }

    public SamplerConfig {
        Objects.requireNonNull(fanouts, "fanouts");
        Objects.requireNonNull(strategy, "strategy");
        if (fanouts.length == 0) {
            throw new IllegalArgumentException("fanouts must list at least one hop, e.g. {20, 10}");
        }
        for (int f : fanouts) {
            if (f < 0) {
                throw new IllegalArgumentException("fanouts must be >= 0, got " + Arrays.toString(fanouts));
            }
        }
        fanouts = fanouts.clone();
    }

    @Override
    public int[] fanouts() {
        return fanouts.clone();
    }

    public int hops() {
        return fanouts.length;
    }

    public int fanout(int hop) {
        return fanouts[hop];
    }

    public SamplerConfig withSeed(long newSeed) {
        return new SamplerConfig(fanouts, strategy, newSeed);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SamplerConfig c && Arrays.equals(fanouts, c.fanouts) && strategy == c.strategy
                && seed == c.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(fanouts), strategy, seed);
    }

    @Override
    public String toString() {
        return "SamplerConfig[fanouts=" + Arrays.toString(fanouts) + ", strategy=" + strategy + ", seed=" + seed
                + "]";
    }
}
