package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.unix_millis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.relgraph.io.RelgraphOutputs;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.TableSchema;

/**
 * The seeds of a training table file (what {@code relgraph query --out} and {@code relgraph-spark labels} write:
 * the entity key, named after the entity table's primary key, then {@code anchor_time}, {@code label}, {@code split};
 * CSV or Parquet): one (entity key, anchor time in epoch ms) per row, read by Spark. The entity table is the one
 * whose primary key names the first column, unless {@code --entity} says which.
 */
final class SeedLabels {
    static final String KEY = "__seed_key";
    static final String TIME = "__seed_time";
    private static final String HINT = "give the file relgraph query --out or relgraph-spark labels wrote for this "
            + "data, or the folder labels --parquet-parts wrote (columns: the entity key, anchor_time, label, split)";

    private final String entityTable;
    private final Dataset<Row> seeds;

    private SeedLabels(String entityTable, Dataset<Row> seeds) {
        this.entityTable = entityTable;
        this.seeds = seeds;
    }

    /** The entity table the seeds are rows of, as the schema names it. */
    String entityTable() {
        return entityTable;
    }

    /** Distinct (key {@link #KEY} in the entity key's type, anchor {@link #TIME} as epoch ms). */
    Dataset<Row> seeds() {
        return seeds;
    }

    /**
     * The seeds of a query's scoring population: {@code keyAndAnchor} holds the entity key (in its Spark type) and the
     * anchor (epoch ms), as {@link SparkLabels#population} gives them.
     */
    static SeedLabels population(PredictiveQuery query, Dataset<Row> keyAndAnchor) {
        String[] c = keyAndAnchor.columns();
        return new SeedLabels(query.entityTable(), keyAndAnchor.select(col(c[0]).as(KEY), col(c[1]).as(TIME)));
    }

    /**
     * Reads {@code file}; fails, naming it, when it is missing, is neither .csv nor .parquet, lacks the training
     * table columns, names no entity table, or holds an anchor time that is not a time.
     *
     * @param entity the entity table, or null to find it from the key column's name
     * @param keyType the entity key's type in {@link SparkTables} (LONG for integer ids, else STRING)
     */
    static SeedLabels read(SparkSession spark, Path file, Schema schema, String entity,
                           java.util.function.Function<String, DataType> keyType) {
        boolean parts = requireSource(file);
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean csv = !parts && name.endsWith(".csv");
        if (!parts && !csv && !name.endsWith(".parquet")) {
            throw new SchemaException("--labels " + file + " is neither .csv nor .parquet", HINT);
        }
        String path = file.toAbsolutePath().toString();
        Dataset<Row> raw = csv ? spark.read().option("header", true).option("inferSchema", false)
                .option("quote", "\"").option("escape", "\"").csv(path) : spark.read().parquet(path);
        List<String> columns = Arrays.asList(raw.columns());
        if (columns.size() < 2 || !columns.contains("anchor_time") || !columns.contains("split")) {
            throw new SchemaException("--labels " + file + " is not a training table: its columns are " + columns,
                    HINT);
        }
        String keyColumn = columns.get(0);
        TableSchema table = entityTable(schema, entity, keyColumn, file);
        DataType type = keyType.apply(table.name());
        Column key = raw.col("`" + keyColumn + "`");
        Column typedKey = (csv ? trim(key) : key).try_cast(type);
        Column anchor = raw.col("anchor_time");
        Column time = unix_millis((csv ? trim(anchor) : anchor).try_cast(DataTypes.TimestampType));
        Dataset<Row> typed = raw.select(typedKey.as(KEY), time.as(TIME), key.cast(DataTypes.StringType).as("key"),
                anchor.cast(DataTypes.StringType).as("anchor"));
        List<Row> bad = typed.filter(col(TIME).isNull().or(col(KEY).isNull())).limit(1).collectAsList();
        if (!bad.isEmpty()) {
            Row r = bad.get(0);
            boolean badTime = r.isNullAt(1);
            throw new SchemaException("--labels " + file + ": " + (badTime ? "anchor_time '" + r.getString(3)
                    + "' is not a time" : keyColumn + " '" + r.getString(2) + "' is not a key of table "
                    + table.name()), HINT);
        }
        return new SeedLabels(table.name(), typed.select(KEY, TIME).distinct());
    }

    /**
     * Checks, before Spark starts, that {@code file} is a labels file or the folder labels --parquet-parts wrote
     * (its marker names that kind), and says which.
     *
     * @return whether it is the Parquet parts folder
     * @throws SchemaException naming the path when it is missing, or a folder of anything else: a user's folder (what
     *         it holds) or another relgraph output (its kind)
     */
    static boolean requireSource(Path file) {
        if (Files.isRegularFile(file)) {
            return false;
        }
        if (!Files.isDirectory(file)) {
            throw new SchemaException("--labels " + file + " does not exist", HINT);
        }
        Optional<String> kind = RelgraphOutputs.kind(file);
        if (kind.isPresent() && kind.get().equals(LabelsCommand.PARTS_KIND)) {
            return true;
        }
        if (kind.isPresent()) {
            throw new SchemaException("--labels " + file + " is the " + kind.get() + " folder relgraph wrote, not the "
                    + "training table relgraph-spark labels --parquet-parts writes", HINT);
        }
        List<String> entries;
        try (Stream<Path> list = Files.list(file)) {
            entries = list.map(p -> p.getFileName() + (Files.isDirectory(p) ? "/" : "")).sorted().toList();
        } catch (IOException e) {
            throw new SchemaException("--labels " + file + " is a folder that cannot be read: " + e.getMessage(),
                    HINT);
        }
        int named = Math.min(entries.size(), 4);
        throw new SchemaException("--labels " + file + " is a folder relgraph-spark labels --parquet-parts did not "
                + "write (" + (entries.isEmpty() ? "it is empty" : "it holds " + String.join(", ",
                entries.subList(0, named)) + (entries.size() > named ? " and " + (entries.size() - named)
                + " more" : "")) + ")", HINT);
    }

    private static TableSchema entityTable(Schema schema, String entity, String keyColumn, Path file) {
        if (entity != null) {
            TableSchema t = schema.requireTable(entity);
            if (t.primaryKey() == null || !t.primaryKey().equalsIgnoreCase(keyColumn)) {
                throw new SchemaException("--labels " + file + " is keyed by " + keyColumn + ", but --entity "
                        + t.name() + "'s primary key is " + t.primaryKey(), "name the table whose rows the file's "
                        + "keys are, or leave --entity out");
            }
            return t;
        }
        List<TableSchema> matching = schema.tables().stream()
                .filter(t -> t.primaryKey() != null && t.primaryKey().equalsIgnoreCase(keyColumn)).toList();
        if (matching.size() == 1) {
            return matching.get(0);
        }
        if (matching.isEmpty()) {
            throw new SchemaException("--labels " + file + ": no table of the data has the primary key " + keyColumn
                    + ", the file's first column", HINT + ", or name the entity table with --entity");
        }
        throw new SchemaException("--labels " + file + ": tables " + matching.stream().map(TableSchema::name)
                .toList() + " all have the primary key " + keyColumn, "name the entity table with --entity");
    }
}
