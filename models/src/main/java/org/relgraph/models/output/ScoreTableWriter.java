package org.relgraph.models.output;

/**
 * Writes a scored table to one target, all or nothing. Rows go to a staging area with {@link #append} (in one or
 * several batches, so a run can score in chunks); {@link #commit} publishes them in one atomic step. Closing
 * without committing discards the staging area and leaves the target exactly as it was, which is what a
 * try-with-resources block does when scoring throws halfway.
 *
 * <p>All errors a user can fix are {@link org.relgraph.schema.SchemaException}s with a hint.
 */
public interface ScoreTableWriter extends AutoCloseable {

    /** Stages a batch; every batch must have the layout (names and kinds, in order) of the first. */
    void append(ScoreTable batch);

    /** Publishes everything appended so far, replacing the previous content of the target (or of its as-of date). */
    void commit();

    /** Discards staged rows unless committed, and releases files and connections. Never throws. */
    @Override
    void close();
}
