package org.relgraph.source;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.relgraph.schema.SchemaException;

/** One table's file in a data folder, and the DuckDB table function that scans it. */
public record DataFile(Path path, Format format) {
    public enum Format { CSV, PARQUET }

    /** The spellings of a missing value in CSV exports: empty, MySQL/Ergast's \N, and SQL's NULL. */
    static final List<String> CSV_NULLS = List.of("", "\\N", "NULL", "null");

    private static final List<String> SUFFIXES = List.of(".csv.gz", ".csv", ".parquet");

    public static Optional<DataFile> of(Path path) {
        String lower = path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".csv") || lower.endsWith(".csv.gz")) {
            return Optional.of(new DataFile(path, Format.CSV));
        }
        if (lower.endsWith(".parquet")) {
            return Optional.of(new DataFile(path, Format.PARQUET));
        }
        return Optional.empty();
    }

    /** The data files of a folder, sorted by name. */
    public static List<DataFile> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(Files::isRegularFile).sorted().map(DataFile::of).flatMap(Optional::stream).toList();
        } catch (IOException e) {
            throw PathErrors.translate(e, folder);
        } catch (UncheckedIOException e) {
            throw PathErrors.translate(e.getCause(), folder);
        }
    }

    /** The table name a file stands for: its name without {@code .csv}, {@code .csv.gz} or {@code .parquet}. */
    public String tableName() {
        String name = path.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        for (String suffix : SUFFIXES) {
            if (lower.endsWith(suffix)) {
                return name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /**
     * {@code read_csv(...)} or {@code read_parquet(...)} for a FROM clause.
     *
     * @param allVarchar read every CSV column as text, so that values are checked by us (with row numbers)
     *                   rather than rejected by the CSV reader mid-file
     */
    public String scanSql(boolean allVarchar) {
        String file = sqlString(path.toAbsolutePath().toString());
        if (format == Format.PARQUET) {
            return "read_parquet(" + file + ")";
        }
        StringBuilder nulls = new StringBuilder("[");
        for (String s : CSV_NULLS) {
            nulls.append(nulls.length() > 1 ? ", " : "").append(sqlString(s));
        }
        // null_padding: exports that grew columns over time (Ergast's races) have short old or new rows;
        // without it DuckDB's sniffer gives up and reads the whole line as one column
        return "read_csv(" + file + ", header = true, null_padding = true, nullstr = " + nulls + "]"
                + (allVarchar ? ", all_varchar = true" : "") + ")";
    }

    /** {@code read_parquet} with DuckDB's 0-based {@code file_row_number} column added, for naming bad rows. */
    String parquetScanWithRowNumbersSql() {
        if (format != Format.PARQUET) {
            throw new IllegalStateException("not a Parquet file: " + path);
        }
        return "read_parquet(" + sqlString(path.toAbsolutePath().toString()) + ", file_row_number = true)";
    }

    /**
     * {@code read_csv} with the header line read as data, for {@link CsvRowWidth}: its first row holds the header's
     * cells, NULL past the last one. Same options as {@link #scanSql}, so DuckDB sees the same columns.
     */
    String headerAsDataScanSql() {
        return scanSql(true).replace("header = true", "header = false");
    }

    /** True for a gzipped CSV file ({@code .csv.gz}). */
    boolean isGzip() {
        return path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * True when the file holds nothing but white space (a zero-byte export, or a .gz of nothing): DuckDB would read
     * such a file as one column named column0 and the user would hear about a column mismatch instead. Reading the
     * first bytes also turns a file the user may not read into a clear error before DuckDB sees it.
     *
     * @throws SchemaException when the file cannot be read; a .gz that is not gzip is left to DuckDB's message
     */
    public boolean isEmpty() {
        try {
            if (Files.size(path) == 0) {
                return true;
            }
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(path));
                 InputStream in = isGzip() ? new GZIPInputStream(raw) : raw) {
                for (int b = in.read(); b >= 0; b = in.read()) {
                    if (!Character.isWhitespace(b)) {
                        return false;
                    }
                }
                return true;
            } catch (ZipException | EOFException notGzip) {
                return false;
            }
        } catch (IOException e) {
            throw PathErrors.translate(e, path);
        }
    }

    public String fileName() {
        return path.getFileName().toString();
    }

    static String sqlString(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Finds a table's file: its declared source, else name.csv, name.csv.gz or name.parquet (any case). */
    public static DataFile locate(Path folder, String table, String declaredSource) {
        if (declaredSource != null) {
            Path p = folder.resolve(declaredSource);
            if (!Files.isRegularFile(p)) {
                throw new SchemaException("table '" + table + "': source file " + p + " does not exist",
                        "fix 'source:' in schema.yaml; data files in " + folder + ": " + fileNames(folder));
            }
            return of(p).orElseThrow(() -> new SchemaException("table '" + table + "': source file " + p
                    + " is neither CSV nor Parquet", "use a .csv, .csv.gz or .parquet file"));
        }
        for (DataFile f : list(folder)) {
            if (f.tableName().equalsIgnoreCase(table)) {
                return f;
            }
        }
        throw new SchemaException("table '" + table + "': no file " + table + ".csv, " + table + ".csv.gz or "
                + table + ".parquet in " + folder, "data files there: " + fileNames(folder)
                + "; name the file after the table or set 'source:' in schema.yaml");
    }

    private static String fileNames(Path folder) {
        List<String> names = list(folder).stream().map(DataFile::fileName).toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }
}
