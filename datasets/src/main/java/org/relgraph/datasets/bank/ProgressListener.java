package org.relgraph.datasets.bank;

/**
 * Told how many customers have been simulated and written so far; the CLI turns it into a progress bar.
 * Called from the generating thread, at most about a thousand times per run, and once more with
 * {@code done == total} at the end.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total) -> { };

    void onProgress(long done, long total);
}
