package org.relgraph.datasets;

import java.nio.file.Path;

/**
 * A public relational dataset whose raw files live outside the project (they are never committed). Preparing
 * turns the raw files into a folder of Parquet tables plus {@code schema.yaml} that the ordinary folder loader
 * reads, so real data takes the same validated path as a user's own folder.
 */
public interface RealDataset {
    /** The name used on the command line, e.g. {@code rel-f1}. */
    String name();

    String description();

    /** The folder under the data home holding the raw files, e.g. {@code f1}. */
    String rawFolder();

    /** Raw file names that must exist in {@link #rawFolder()}. */
    java.util.List<String> requiredFiles();

    /**
     * Writes the prepared tables into {@code out} (an empty folder). Implementations read only from
     * {@code rawDir} and never write there.
     */
    void prepare(Path rawDir, Path out) throws Exception;
}
