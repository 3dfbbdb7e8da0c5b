package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.first;
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
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;
import org.relgraph.source.DataFile;
import org.relgraph.source.FolderSource;

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

    private final SparkSession spark;
    private final Path folder;
    private final Schema schema;
    private final Map<String, Dataset<Row>> read = new HashMap<>();

    /** @param schema the folder's, from {@link #readSchema} */
    SparkTables(SparkSession spark, Path folder, Schema schema) {
        this.spark = spark;
        this.folder = folder;
        this.schema = schema;
    }

    /** The folder's schema.yaml, or {@code schemaFile}, or one inferred from the files, as relgraph reads it. */
    static Schema readSchema(Path folder, Path schemaFile) {
        if (!Files.isDirectory(folder)) {
            throw new SchemaException("--data " + folder + " is not a folder",
                    "give a folder of CSV or Parquet files with a schema.yaml");
        }
        return new FolderSource(folder, schemaFile).schema();
    }

    Schema schema() {
        return schema;
    }

    /** The table's rows with typed columns named as in the schema, plus {@link #ROW}; read once, then reused. */
    Dataset<Row> table(String name) {
        TableSchema t = schema.requireTable(name);
        return read.computeIfAbsent(t.name(), n -> load(t));
    }

    private Dataset<Row> load(TableSchema t) {
        if (t.timeFrom() != null) {
            throw new SchemaException("table '" + t.name() + "' takes its time from its parent (time_from: "
                    + t.timeFrom() + "), which the Spark job does not support yet",
                    "run this query with relgraph query, or give the table its own time column");
        }
        DataFile file = DataFile.locate(folder, t.name(), t.source());
        String path = file.path().toAbsolutePath().toString();
        Dataset<Row> raw = file.format() == DataFile.Format.PARQUET ? spark.read().parquet(path)
                : spark.read().option("header", true).option("inferSchema", false).option("sep", separator(file))
                        .option("quote", "\"").option("escape", "\"").csv(path);
        raw = raw.withColumn(ROW, monotonically_increasing_id());
        List<Column> select = new ArrayList<>();
        List<ColumnSchema> checked = new ArrayList<>();
        List<Column> checks = new ArrayList<>();
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
                checks.add(count(when(bad, lit(1))));
                checks.add(first(when(bad, value.cast(DataTypes.StringType)), true));
            }
        }
        if (!checks.isEmpty()) {
            requireValidValues(raw.agg(checks.get(0), checks.subList(1, checks.size()).toArray(Column[]::new))
                    .first(), checked, file);
        }
        select.add(col(ROW));
        return raw.select(select.toArray(Column[]::new));
    }

    /** Fails on the first column with a value its declared type cannot read, naming the file, column and value. */
    private static void requireValidValues(Row counts, List<ColumnSchema> checked, DataFile file) {
        for (int i = 0; i < checked.size(); i++) {
            long bad = counts.getLong(2 * i);
            if (bad > 0) {
                ColumnSchema c = checked.get(i);
                String type = switch (c.type()) {
                    case NUMERICAL -> "a number";
                    case BOOLEAN -> "a boolean (true/false, 1/0, yes/no, t/f, y/n)";
                    default -> "a timestamp (e.g. 2024-01-31 or 2024-01-31 12:00:00, UTC unless an offset is given)";
                };
                throw new SchemaException(file.path() + ", column '" + c.name() + "': value '"
                        + counts.getString(2 * i + 1) + "' is not " + type + (bad > 1 ? "; " + bad
                        + " such values in this column" : ""), "fix the values, or declare the column "
                        + "categorical in schema.yaml if it is not a " + c.type().yamlName());
            }
        }
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
