package org.relgraph.models.api;

/**
 * Hears how far a scoring pass has got (for a progress bar: the library reports, the caller renders), on the
 * scoring thread; keep it quick. A pass reports 0 as it starts, then, for models that score in batches, after each
 * batch, for others once at the end.
 */
@FunctionalInterface
public interface ScoringProgress {
    ScoringProgress NONE = (done, total) -> { };

    /**
     * @param done entities scored so far in this pass: 0 first, then rising to {@code total}, which the last call
     *             reaches
     */
    void scored(int done, int total);
}
