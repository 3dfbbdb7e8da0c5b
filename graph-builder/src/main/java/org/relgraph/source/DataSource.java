package org.relgraph.source;

import org.relgraph.schema.Schema;
import org.relgraph.validate.ValidatedDatabase;

/**
 * Where a relational database comes from: a folder of files or a live database server.
 * Loading is all-or-nothing: {@link #load} returns a complete, validated database or throws.
 */
public interface DataSource {
    /** The schema that {@link #load} will use: the user's schema.yaml if there is one, else an inferred one. */
    Schema schema();

    /**
     * A schema proposed from the source itself, ignoring any schema file: inferred from a folder's files, or
     * read from a database's catalogue. {@code relgraph inspect --infer-schema} writes it for the user to edit.
     */
    Schema inferSchema();

    /**
     * Reads every table, validates keys and times, and links foreign keys.
     *
     * @throws org.relgraph.schema.SchemaException for an unreadable source or a value that does not fit its
     *         column type; {@link org.relgraph.validate.ValidationException} when the data breaks key rules
     */
    ValidatedDatabase load(LoadOptions options);

    /** {@link #load(LoadOptions)} with {@link LoadOptions#defaults()}: dangling references fail the load. */
    default ValidatedDatabase load() {
        return load(LoadOptions.defaults());
    }

    /**
     * How many rows each table of {@link #schema()} holds, found without loading them (file metadata, a sample of a
     * CSV file, database statistics), so a caller can tell before a long load whether the data will fit in memory
     * ({@link MemoryEstimate}).
     *
     * @throws org.relgraph.schema.SchemaException when the source cannot be read; {@link #load} would fail alike
     */
    RowCounts estimateRows();

    /** Names the source for messages ("folder data/mini-bank", "postgresql://db:5432/shop schema public"). */
    String describe();
}
