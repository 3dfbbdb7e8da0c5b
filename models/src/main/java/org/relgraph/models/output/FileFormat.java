package org.relgraph.models.output;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats a score table can be written to, chosen by the file name's extension. JSON is written as JSON
 * Lines (one object per line, {@code .json} or {@code .jsonl}) rather than one array: it streams, jq/pandas/DuckDB
 * read it directly, and a reader can process it line by line without holding a million-element array. JSON has
 * no spelling for NaN or infinity, so those doubles are written as null there to keep every line valid JSON.
 */
enum FileFormat {
    CSV("FORMAT CSV, HEADER true", false),
    PARQUET("FORMAT PARQUET, COMPRESSION ZSTD", false),
    JSON_LINES("FORMAT JSON, ARRAY false", true);

    private final String duckDbCopyOptions;
    private final boolean nonFiniteAsNull;

    FileFormat(String duckDbCopyOptions, boolean nonFiniteAsNull) {
        this.duckDbCopyOptions = duckDbCopyOptions;
        this.nonFiniteAsNull = nonFiniteAsNull;
    }

    /** Whether NaN and infinite doubles must be written as null because the format cannot represent them. */
    boolean nonFiniteAsNull() {
        return nonFiniteAsNull;
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
