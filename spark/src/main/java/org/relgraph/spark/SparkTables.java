package org.relgraph.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_millis;
import static org.apache.spark.sql.functions.when;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.source.BadValues;
import org.relgraph.source.DataFile;
import org.relgraph.source.FolderSource;
import org.relgraph.validate.InheritedTimes;

/**
 * The tables of a data folder (CSV or Parquet files and a schema.yaml, exactly what {@code relgraph --data DIR}
 * reads) as Spark DataFrames, each column converted to the form the single-machine loader stores
 * ({@code DuckDbTableReader}): numbers and booleans as DOUBLE, timestamps as epoch milliseconds (LONG, UTC), ids as
 * LONG when every value is an integer written without leading zeros and as text otherwise, categories and text as
 * text. Each frame has one more column, {@link #ROW}, increasing in file order (each table is one file, read in
 * offset order), which breaks ties between rows of equal time the way the single-machine path's row numbers do.
 *
 * <p>The schema is loaded by {@link FolderSource} on the driver; the rows are read by the executors.
 */
final class SparkTables {
    /** Increases with the row's position in its file. */
    static final String ROW = "__relgraph_row";

    /** The spellings of a missing value in CSV files, as the single-machine loader reads them. */
    private static final List<String> CSV_NULLS = List.of("\\N", "NULL", "null");
    private static final String INTEGER_ID = "-?(0|[1-9][0-9]{0,17})";

    /**
     * Reads one table of a source other than a data folder (a database, the Spark catalogue) into the frame a
     * file gives: the declared columns in their stored types (DOUBLE, LONG epoch ms, LONG or text ids, text), plus
     * {@link #ROW} increasing in the order the single-machine reader numbers the rows; the frame's partitions, read in
     * order, give the rows in that order too ({@link RowPositions} numbers them so).
     */
    interface TableReader {
        Dataset<Row> read(TableSchema declared);

        /** The source as the single-machine loader names it in messages. */
        String describe();
    }

    private final SparkSession spark;
    private final Path folder;
    private final TableReader reader;
    private final Schema declared;
    private final Schema schema;
    private final Map<String, Dataset<Row>> read = new HashMap<>();

    /** @param schema the folder's, from {@link #readSchema} */
    SparkTables(SparkSession spark, Path folder, Schema schema) {
        this(spark, folder, null, schema);
    }

    /** The tables of {@code schema} as {@code reader} reads them. */
    SparkTables(TableReader reader, Schema schema) {
        this(null, null, reader, schema);
    }

    private SparkTables(SparkSession spark, Path folder, TableReader reader, Schema schema) {
        this.spark = spark;
        this.folder = folder;
        this.reader = reader;
        this.declared = schema;
        this.schema = InheritedTimes.resolvedSchema(schema);
    }

    /** The folder's schema.yaml, or {@code schemaFile}, or one inferred from the files, as relgraph reads it. */
    static Schema readSchema(Path folder, Path schemaFile) {
        if (!Files.isDirectory(folder)) {
            throw new SchemaException("--data " + folder + " is not a folder",
                    "give a folder of CSV or Parquet files with a schema.yaml");
        }
        return new FolderSource(folder, schemaFile).schema();
    }

    /**
     * The schema as the single-machine loader leaves it: a {@code time_from} table has its inherited time column
     * (see {@link InheritedTimes#resolvedSchema}), so queries bind to the same columns on both paths.
     */
    Schema schema() {
        return schema;
    }

    /** What the data is, as the single-machine loader names it in messages ("folder DIR"). */
    String describe() {
        return reader != null ? reader.describe() : "folder " + folder;
    }

    /**
     * The table's rows with typed columns named as in {@link #schema()}, plus {@link #ROW}; read once, then reused.
     * A {@code time_from} table's time is its parent's time, looked up by key (a join with the parent's key and time
     * columns); a row whose parent is missing gets no time, as on one machine.
     */
    Dataset<Row> table(String name) {
        TableSchema t = schema.requireTable(name);
        Dataset<Row> done = read.get(t.name());
        if (done == null) {
            TableSchema d = declared.requireTable(t.name());
            done = reader != null ? reader.read(d) : load(d);
            if (t.timeFrom() != null && declared.requireTable(t.name()).timeColumn() == null) {
                done = withInheritedTime(done, t);
            }
            read.put(t.name(), done);
        }
        return done;
    }

    private Dataset<Row> withInheritedTime(Dataset<Row> rows, TableSchema t) {
        ForeignKey fk = t.timeFromKey().orElseThrow();
        TableSchema parentSchema = schema.requireTable(fk.referencedTable());
        Dataset<Row> parent = table(parentSchema.name());
        String parentKey = "__relgraph_parent_key";
        Dataset<Row> times = parent.select(parent.col(parentSchema.primaryKeyOpt().orElseThrow()).as(parentKey),
                parent.col(parentSchema.timeColumn()).as(t.timeColumn()));
        Column matches = keysMatch(rows.col(fk.column()), times.col(parentKey),
                rows.schema().apply(fk.column()).dataType(), times.schema().apply(parentKey).dataType());
        List<Column> select = new ArrayList<>();
        for (ColumnSchema c : t.columns()) {
            select.add(c.name().equals(t.timeColumn()) ? times.col(t.timeColumn()) : rows.col(c.name()));
        }
        select.add(rows.col(ROW));
        // Rows are named by their position in the file (RowPositions numbers the scan's partitions in order). A
        // broadcast join keeps the scan's partitions; a shuffle join, which Spark picks for a parent it thinks too
        // large, scatters them by key and breaks the numbering. So the parent's keys and times (16 bytes a row) are
        // always broadcast.
        return rows.join(broadcast(times), matches, "left").select(select.toArray(Column[]::new));
    }

    /**
     * True where a foreign key equals a primary key as the single-machine key index compares them: as numbers when
     * both columns are integer ids, else as text, except that a text key is looked up in an integer key column as
     * the number it spells ({@code KeyIndex.rowOf(String)}).
     */
    static Column keysMatch(Column foreign, Column primary, DataType foreignType, DataType primaryType) {
        if (foreignType.equals(primaryType)) {
            return foreign.equalTo(primary);
        }
        if (primaryType.equals(DataTypes.LongType)) {
            return trim(foreign.cast(DataTypes.StringType)).try_cast(DataTypes.LongType).equalTo(primary);
        }
        return foreign.cast(DataTypes.StringType).equalTo(primary.cast(DataTypes.StringType));
    }

    private Dataset<Row> load(TableSchema t) {
        DataFile file = DataFile.locate(folder, t.name(), t.source());
        String path = file.path().toAbsolutePath().toString();
        Dataset<Row> raw = file.format() == DataFile.Format.PARQUET ? spark.read().parquet(path)
                : spark.read().option("header", true).option("inferSchema", false).option("sep", separator(file))
                        .option("quote", "\"").option("escape", "\"").csv(path);
        if (raw.schema().fields().length == 0) {
            throw new SchemaException(file.path() + ": the file is empty (table '" + t.name()
                    + "' needs a header row and data rows)", "export the table again, or remove it from schema.yaml");
        }
        raw = raw.withColumn(ROW, monotonically_increasing_id());
        List<Column> select = new ArrayList<>();
        List<ColumnSchema> checked = new ArrayList<>();
        List<Column> badWhen = new ArrayList<>();
        List<Column> checks = new ArrayList<>(List.of(count(lit(1))));
        for (ColumnSchema c : t.columns()) {
            StructField field = fileField(raw, c, file, t);
            Column value = raw.col("`" + field.name() + "`");
            if (field.dataType().equals(DataTypes.StringType) && file.format() == DataFile.Format.CSV) {
                value = withoutNullSpellings(value);
            }
            Column converted = converted(raw, c, value, field.dataType());
            select.add(converted.as(c.name()));
            if (c.type() == SemanticType.NUMERICAL || c.type() == SemanticType.BOOLEAN
                    || c.type() == SemanticType.TIMESTAMP) {
                // ids and strings take any value; these types make a value that does not fit null, which the
                // single-machine loader refuses, so this job does too rather than label from a silent null
                Column bad = value.isNotNull().and(converted.isNull());
                checked.add(c);
                badWhen.add(bad);
                checks.add(count(when(bad, lit(1))));
            }
        }
        // one pass counts the rows and each column's bad values; only a failing file is read again, for the rows
        Row counts = raw.agg(checks.get(0), checks.subList(1, checks.size()).toArray(Column[]::new)).first();
        if (counts.getLong(0) == 0) {
            throw new SchemaException(file.path() + ": table '" + t.name() + "' has no data rows",
                    "add rows, or remove the table from schema.yaml");
        }
        requireValidValues(raw, counts, checked, badWhen, file, t);
        select.add(col(ROW));
        return raw.select(select.toArray(Column[]::new));
    }

    /**
     * Fails on the first column with a value its declared type cannot read, with the single-machine loader's
     * message: the file, the first bad row (and line) and value, the count and a few more rows, the other bad
     * columns.
     */
    private static void requireValidValues(Dataset<Row> raw, Row counts, List<ColumnSchema> checked,
                                           List<Column> badWhen, DataFile file, TableSchema t) {
        int first = -1;
        List<String> others = new ArrayList<>();
        for (int i = 0; i < checked.size(); i++) {
            if (counts.getLong(i + 1) > 0) {
                if (first < 0) {
                    first = i;
                } else {
                    others.add(checked.get(i).name());
                }
            }
        }
        if (first < 0) {
            return;
        }
        ColumnSchema c = checked.get(first);
        String name = fileField(raw, c, file, t).name();
        List<Row> bad = raw.filter(badWhen.get(first)).select(col(ROW), raw.col("`" + name + "`")
                .cast(DataTypes.StringType)).orderBy(col(ROW)).limit(BadValues.EXAMPLES).collectAsList();
        List<String> more = new ArrayList<>();
        for (int k = 1; k < bad.size(); k++) {
            more.add("row " + rowNumber(raw, bad.get(k).getLong(0)) + " '" + bad.get(k).getString(1) + "'");
        }
        throw BadValues.error(file, c, rowNumber(raw, bad.get(0).getLong(0)), bad.get(0).getString(1),
                counts.getLong(first + 1), more, others);
    }

    /** The 1-based position in its file of the row whose {@link #ROW} is {@code rowId}: a count, for messages. */
    static long rowNumber(Dataset<Row> rows, long rowId) {
        return rows.filter(col(ROW).lt(rowId)).count() + 1;
    }

    /** The file's column for a declared one: same name ignoring case and stray spaces, as the loader matches. */
    private static StructField fileField(Dataset<Row> raw, ColumnSchema c, DataFile file, TableSchema t) {
        for (StructField f : raw.schema().fields()) {
            if (f.name().strip().equalsIgnoreCase(c.name().strip())) {
                return f;
            }
        }
        throw new SchemaException(file.path() + ": table '" + t.name() + "' declares column '" + c.name()
                + "', which the file does not have", "fix the name in schema.yaml or the file's header");
    }

    private static Column withoutNullSpellings(Column value) {
        Column isNull = value.isNull();
        for (String s : CSV_NULLS) {
            isNull = isNull.or(value.equalTo(s));
        }
        return when(isNull, lit(null).cast(DataTypes.StringType)).otherwise(value);
    }

    private Column converted(Dataset<Row> raw, ColumnSchema c, Column value, DataType fileType) {
        boolean text = fileType.equals(DataTypes.StringType);
        return switch (c.type()) {
            case NUMERICAL -> value.try_cast(DataTypes.DoubleType);
            case BOOLEAN -> {
                Column word = lower(trim(value.cast(DataTypes.StringType)));
                yield when(word.isin("true", "t", "yes", "y", "1"), lit(1.0))
                        .when(word.isin("false", "f", "no", "n", "0"), lit(0.0));
            }
            case TIMESTAMP -> unix_millis((text ? trim(value) : value).try_cast(DataTypes.TimestampType));
            case ID -> isIntegerId(raw, value, fileType)
                    ? (text ? trim(value) : value).cast(DataTypes.LongType) : value.cast(DataTypes.StringType);
            case CATEGORICAL, TEXT -> value.cast(DataTypes.StringType);
        };
    }

    /** Keys like "0042" stay text: as numbers they would no longer match "0042" in another table. */
    private static boolean isIntegerId(Dataset<Row> raw, Column value, DataType fileType) {
        if (fileType.equals(DataTypes.LongType) || fileType.equals(DataTypes.IntegerType)
                || fileType.equals(DataTypes.ShortType) || fileType.equals(DataTypes.ByteType)) {
            return true;
        }
        if (!fileType.equals(DataTypes.StringType)) {
            return false;
        }
        return raw.filter(value.isNotNull().and(trim(value).rlike("^" + INTEGER_ID + "$").unary_$bang()))
                .limit(1).count() == 0;
    }

    /**
     * The separator of a CSV file, sniffed from its header line as the single-machine loader's reader does: comma,
     * else semicolon, else tab.
     */
    private static String separator(DataFile file) {
        try (InputStream raw = Files.newInputStream(file.path());
             InputStream in = file.fileName().toLowerCase(Locale.ROOT).endsWith(".gz") ? new GZIPInputStream(raw)
                     : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String header = r.readLine();
            if (header == null || header.indexOf(',') >= 0) {
                return ",";
            }
            return header.indexOf(';') >= 0 ? ";" : header.indexOf('\t') >= 0 ? "\t" : ",";
        } catch (IOException e) {
            throw new SchemaException(file.path() + ": cannot read: " + e.getMessage(),
                    "check the file exists and is readable");
        }
    }
}
