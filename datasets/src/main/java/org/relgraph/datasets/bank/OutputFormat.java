package org.relgraph.datasets.bank;

/** File format of the generated tables. */
public enum OutputFormat {
    /** Plain (or gzip-compressed) CSV with a header row; empty field = null. */
    CSV,
    /** Parquet, converted from the CSV by embedded DuckDB before the output folder is published. */
    PARQUET
}
