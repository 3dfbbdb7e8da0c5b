package org.relgraph.query;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.relgraph.io.AtomicRename;
import org.relgraph.io.OutputFile;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.schema.SchemaException;

/**
 * Writes training tables to one CSV or Parquet file, one row per example, with the columns
 * <ol>
 *   <li>the entity key, named after the entity table's primary key (integer for ids, else text);</li>
 *   <li>{@code anchor_time}: in CSV ISO-8601 UTC text ({@code 2005-01-01T00:00:00Z}); in Parquet a TIMESTAMP (UTC);</li>
 *   <li>{@code label}: a number (whole numbers without a fraction in CSV); for LIST_DISTINCT the list of referenced
 *       primary keys, in CSV as a JSON array ({@code [3,17]} or {@code ["a","b"]}), in Parquet a LIST column;</li>
 *   <li>{@code target_key}, ARGMAX only: the primary key of the candidate target row;</li>
 *   <li>{@code split}: train, val or test.</li>
 * </ol>
 * The file appears complete or not at all: it is written next to its destination under a temporary name, then
 * renamed over it. Its folder must exist, and a file already there is replaced only if it is relgraph's training
 * table of the same columns ({@link #checkDestination}), or with {@link ReplacePolicy#ANYTHING}. Parquet is written by an embedded DuckDB.
 */
public final class TrainingTableWriter {
    public enum Format {
        CSV, PARQUET;

        /** The format named by the file's extension, {@code .csv} or {@code .parquet}. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            throw new SchemaException("cannot tell the format of training table file " + file,
                    "name it .csv or .parquet");
        }
    }

    private TrainingTableWriter() {
    }

    /**
     * Fails, before any work, unless {@code file} can be written: a known extension, an existing writable folder,
     * and no file there that relgraph did not write as a training table (its columns: a key, {@code anchor_time},
     * {@code label}, optionally {@code target_key}, then {@code split}), unless {@code replace} allows anything.
     */
    public static void checkDestination(Path file, ReplacePolicy replace) {
        Format.of(file);
        OutputFile.checkDestination(file, replace, "a training table", TrainingTableWriter::isTrainingTableHeader);
    }

    /** Train, then val, then test, into {@code file}, whose extension picks the format. */
    public static void write(TrainingSplits splits, Path file, ReplacePolicy replace) throws IOException {
        write(List.of(splits.train(), splits.val(), splits.test()), file, Format.of(file), replace);
    }

    /** {@code tables} one after the other into {@code file}, whose extension picks the format. */
    public static void write(List<TrainingTable> tables, Path file) throws IOException {
        write(tables, file, Format.of(file), ReplacePolicy.OWN_OUTPUT_ONLY);
    }

    /**
     * Writes {@code tables} to {@code file}; a file already there is replaced only if it is a training table
     * ({@link #checkDestination}) or {@code replace} allows anything.
     */
    public static void write(List<TrainingTable> tables, Path file, Format format, ReplacePolicy replace)
            throws IOException {
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("no training tables to write");
        }
        TrainingTable first = tables.get(0);
        for (TrainingTable t : tables) {
            boolean sameShape = t.entityKeyName().equals(first.entityKeyName()) && t.hasListLabels() == first
                    .hasListLabels() && t.hasCandidateRows() == first.hasCandidateRows();
            if (!sameShape) {
                throw new IllegalArgumentException("training tables of different queries cannot share a file: "
                        + first.split() + " and " + t.split());
            }
        }
        checkKeyName(first.entityKeyName());
        writeFile(Layout.of(first), examples(tables), file, format, replace);
    }

    /**
     * One example of a training table, for a producer that does not hold a {@link TrainingTable}, such as the Spark
     * job that computes rows on executors.
     *
     * @param label     the label; NaN for LIST_DISTINCT
     * @param labelList LIST_DISTINCT only: the referenced rows' keys as text, in the file's order; else null
     * @param targetKey ARGMAX only: the candidate target row's key (the file's {@code target_key}); else null
     */
    public record Example(String entityKey, long anchorTime, double label, List<String> labelList, String targetKey,
                          String split) {
        /** An example with a scalar label (every target but LIST_DISTINCT and ARGMAX). */
        public Example(String entityKey, long anchorTime, double label, String split) {
            this(entityKey, anchorTime, label, null, null, split);
        }

        /** An ARGMAX example: one candidate target row and whether the condition held for it. */
        public static Example candidate(String entityKey, long anchorTime, double label, String targetKey,
                                        String split) {
            return new Example(entityKey, anchorTime, label, null, targetKey, split);
        }

        /** A LIST_DISTINCT example: the keys of the rows referenced in the window. */
        public static Example list(String entityKey, long anchorTime, List<String> keys, String split) {
            return new Example(entityKey, anchorTime, Double.NaN, keys, null, split);
        }
    }

    /**
     * What decides a training table file's columns and their types.
     *
     * @param integerKeys     whether the entity keys are integers (a BIGINT column in Parquet), else text
     * @param listLabels      LIST_DISTINCT: the label is a list of keys
     * @param integerListKeys LIST_DISTINCT: whether those keys are integers
     * @param candidates      ARGMAX: the file has the {@code target_key} column
     */
    public record Layout(String entityKeyName, boolean integerKeys, boolean listLabels, boolean integerListKeys,
                         boolean candidates) {
        /** The columns of a table with scalar labels (every target but LIST_DISTINCT and ARGMAX). */
        public static Layout scalar(String entityKeyName, boolean integerKeys) {
            return new Layout(entityKeyName, integerKeys, false, false, false);
        }

        /** ARGMAX's columns: scalar labels plus {@code target_key}. */
        public static Layout candidates(String entityKeyName, boolean integerKeys) {
            return new Layout(entityKeyName, integerKeys, false, false, true);
        }

        /** LIST_DISTINCT's columns: a list of keys as the label. */
        public static Layout lists(String entityKeyName, boolean integerKeys, boolean integerListKeys) {
            return new Layout(entityKeyName, integerKeys, true, integerListKeys, false);
        }

        static Layout of(TrainingTable t) {
            return new Layout(t.entityKeyName(), t.hasIntegerEntityKeys(), t.hasListLabels(),
                    t.hasListLabels() && t.hasIntegerListKeys(), t.hasCandidateRows());
        }
    }

    /**
     * Writes {@code examples}, in the order given, to {@code file} with the same columns, formats and replacement
     * rules as a training table of scalar labels; the rows are streamed, never held.
     *
     * @param entityKeyName the entity table's primary key column, the file's first column
     * @param integerKeys   whether the keys are integers (a BIGINT column in Parquet), else text
     */
    public static void write(String entityKeyName, boolean integerKeys, Iterator<Example> examples, Path file,
                             ReplacePolicy replace) throws IOException {
        write(Layout.scalar(entityKeyName, integerKeys), examples, file, replace);
    }

    /**
     * Writes {@code examples}, in the order given, to {@code file} with {@code layout}'s columns and the formats and
     * replacement rules of a {@link TrainingTable}'s file; the rows are streamed, never held.
     */
    public static void write(Layout layout, Iterator<Example> examples, Path file, ReplacePolicy replace)
            throws IOException {
        checkKeyName(layout.entityKeyName());
        Iterator<Row> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return examples.hasNext();
            }

            @Override
            public Row next() {
                Example e = examples.next();
                return new Row(e.entityKey(), e.anchorTime(), e.label(), e.labelList(), e.targetKey(), e.split());
            }
        };
        writeFile(layout, rows, file, Format.of(file), replace);
    }

    private static void checkKeyName(String entityKeyName) {
        for (String fixed : List.of("anchor_time", "label", "target_key", "split")) {
            if (entityKeyName.equalsIgnoreCase(fixed)) {
                throw new SchemaException("the entity key " + entityKeyName + " has the name of a "
                        + "training table column", "rename the key column; " + fixed + " is written by relgraph");
            }
        }
    }

    private static void writeFile(Layout shape, Iterator<Row> rows, Path file, Format format, ReplacePolicy replace)
            throws IOException {
        checkDestination(file, replace);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            if (format == Format.CSV) {
                writeCsv(shape, rows, tmp);
            } else {
                writeParquet(shape, rows, tmp);
            }
            AtomicRename.replaceFile(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** One file row: {@code labelList} for LIST_DISTINCT (else {@code label}), {@code targetKey} for ARGMAX. */
    private record Row(String entityKey, long anchorTime, double label, List<String> labelList, String targetKey,
                       String split) {
    }

    /** The rows of {@code tables}, one after the other, made as they are read. */
    private static Iterator<Row> examples(List<TrainingTable> tables) {
        return tables.stream().flatMap(t -> java.util.stream.IntStream.range(0, t.size()).mapToObj(i -> new Row(
                t.entityKey(i), t.anchorTime(i), t.hasListLabels() ? Double.NaN : t.label(i),
                t.hasListLabels() ? t.labelListKeys(i) : null, t.hasCandidateRows() ? t.targetKey(i) : null,
                t.split()))).iterator();
    }

    /** The columns {@link #header} gives for some entity key and task. */
    static boolean isTrainingTableHeader(List<String> columns) {
        int n = columns.size();
        return (n == 4 || n == 5) && columns.get(1).equals("anchor_time") && columns.get(2).equals("label")
                && columns.get(n - 1).equals("split") && (n == 4 || columns.get(3).equals("target_key"));
    }

    /** The columns of a training table of this layout, in file order (what the Spark job's Parquet parts name too). */
    public static List<String> header(Layout t) {
        List<String> names = new ArrayList<>(List.of(t.entityKeyName(), "anchor_time", "label"));
        if (t.candidates()) {
            names.add("target_key");
        }
        names.add("split");
        return names;
    }

    private static void writeCsv(Layout shape, Iterator<Row> rows, Path out) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            w.write(String.join(",", header(shape).stream().map(TrainingTableWriter::csvField).toList()));
            w.write('\n');
            while (rows.hasNext()) {
                Row r = rows.next();
                w.write(csvField(r.entityKey()));
                w.write(',');
                w.write(Instant.ofEpochMilli(r.anchorTime()).toString());
                w.write(',');
                w.write(shape.listLabels() ? csvField(jsonArray(r.labelList(), shape.integerListKeys()))
                        : number(r.label()));
                if (shape.candidates()) {
                    w.write(',');
                    w.write(csvField(r.targetKey()));
                }
                w.write(',');
                w.write(csvField(r.split()));
                w.write('\n');
            }
        }
    }

    /** RFC 4180: quoted, with quotes doubled, only when the value holds a comma, quote or line break. */
    static String csvField(String value) {
        boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0;
        return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }

    /** Whole numbers without a fraction (labels are mostly 0/1 and counts); others round-trip exactly. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String jsonArray(List<String> keys, boolean integers) {
        StringBuilder out = new StringBuilder("[");
        for (int k = 0; k < keys.size(); k++) {
            if (k > 0) {
                out.append(',');
            }
            if (integers) {
                out.append(keys.get(k));
                continue;
            }
            out.append('"');
            for (char c : keys.get(k).toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
        return out.append(']').toString();
    }

    private static void writeParquet(Layout shape, Iterator<Row> rows, Path out) throws IOException {
        String keyType = shape.integerKeys() ? "BIGINT" : "VARCHAR";
        String labelType = !shape.listLabels() ? "DOUBLE" : shape.integerListKeys() ? "BIGINT[]" : "VARCHAR[]";
        List<String> columns = new ArrayList<>();
        List<String> names = header(shape);
        for (String name : names) {
            String type = switch (name) {
                case "anchor_time" -> "TIMESTAMP";
                case "label" -> labelType;
                case "target_key", "split" -> "VARCHAR";
                default -> keyType;
            };
            columns.add(quoteIdentifier(name) + " " + type);
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE training (" + String.join(", ", columns) + ")");
            try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender(DuckDBConnection.DEFAULT_SCHEMA,
                    "training")) {
                while (rows.hasNext()) {
                    appendRow(a, shape, rows.next());
                }
            }
            // The temp file already exists (so its name was reserved); DuckDB overwrites it.
            s.execute("COPY training TO '" + out.toString().replace("'", "''") + "' (FORMAT PARQUET)");
        } catch (SQLException e) {
            throw new IOException("writing Parquet " + out + ": " + e.getMessage(), e);
        }
    }

    private static void appendRow(DuckDBAppender a, Layout shape, Row r) throws SQLException {
        a.beginRow();
        if (shape.integerKeys()) {
            a.append(Long.parseLong(r.entityKey()));
        } else {
            a.append(r.entityKey());
        }
        a.append(LocalDateTime.ofInstant(Instant.ofEpochMilli(r.anchorTime()), ZoneOffset.UTC));
        if (!shape.listLabels()) {
            a.append(r.label());
        } else if (shape.integerListKeys()) {
            a.append(r.labelList().stream().map(Long::valueOf).toList());
        } else {
            a.append(r.labelList());
        }
        if (shape.candidates()) {
            a.append(r.targetKey());
        }
        a.append(r.split());
        a.endRow();
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
