package org.relgraph.models.output;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats a score table can be written to, chosen by the file name's extension. JSON is written as JSON
 * Lines (one object per line, {@code .json} or {@code .jsonl}) rather than one array: it streams, jq/pandas/DuckDB
 * read it directly, and a reader can process it line by line without holding a million-element array.
 */
enum FileFormat {
    CSV("FORMAT CSV, HEADER true"),
    PARQUET("FORMAT PARQUET, COMPRESSION ZSTD"),
    JSON_LINES("FORMAT JSON, ARRAY false");

    private final String duckDbCopyOptions;

    FileFormat(String duckDbCopyOptions) {
        this.duckDbCopyOptions = duckDbCopyOptions;
    }

    /** The options of DuckDB's {@code COPY ... TO} that produce this format. */
    String duckDbCopyOptions() {
        return duckDbCopyOptions;
    }

    static Optional<FileFormat> ofPath(Path path) {
        Path fileName = path.getFileName();
        if (fileName == null) {
            return Optional.empty();
        }
        String name = fileName.toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".parquet")) {
            return Optional.of(PARQUET);
        }
        if (name.endsWith(".json") || name.endsWith(".jsonl")) {
            return Optional.of(JSON_LINES);
        }
        return Optional.empty();
    }
}
