package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.relgraph.models.api.Sources;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.source.LoadOptions;
import org.relgraph.source.PostgresSource;
import org.relgraph.source.PostgresUrl;
import org.relgraph.table.Database;

/**
 * Where a job's tables come from: a data folder ({@code --data DIR}), a PostgreSQL schema ({@code --data
 * jdbc:postgresql://…}, as {@code relgraph --data} takes it), or a database of the Spark catalogue
 * ({@code --catalog-database NAME} with {@code --schema FILE}). The schema is read on the driver before Spark
 * starts; {@link #tables} then reads the rows with Spark. Every job that reads tables (labels, neighbourhoods,
 * score, train) opens them here ({@link SparkInputOptions}), so the three sources read the same on every job.
 */
final class SparkInputs {
    /** How {@link #identity} names a catalogue database. */
    private static final String CATALOG = "spark-catalog:";

    private final Path folder;
    private final PostgresUrl url;
    private final PostgresSource database;
    private final String catalogDatabase;
    private final Schema schema;

    private SparkInputs(Path folder, PostgresUrl url, String catalogDatabase, Path schemaFile) {
        this.folder = folder;
        this.url = url;
        this.catalogDatabase = catalogDatabase;
        if (url != null) {
            database = new PostgresSource(url, schemaFile);
            schema = database.schema();
        } else if (catalogDatabase != null) {
            database = null;
            if (schemaFile == null) {
                throw new SchemaException("--catalog-database " + catalogDatabase + " needs --schema FILE",
                        "give the schema.yaml that names the tables, their keys, times and column types");
            }
            if (!Files.isRegularFile(schemaFile)) {
                throw new SchemaException("--schema " + schemaFile + " does not exist", "give the path of a schema.yaml");
            }
            schema = SchemaYaml.read(schemaFile);
        } else {
            database = null;
            schema = SparkTables.readSchema(folder, schemaFile);
        }
    }

    /** @param data a folder or a PostgreSQL URL; null when {@code catalogDatabase} is given */
    static SparkInputs of(String data, String catalogDatabase, Path schemaFile) {
        if (catalogDatabase != null) {
            return new SparkInputs(null, null, catalogDatabase, schemaFile);
        }
        if (data.startsWith("jdbc:")) {
            if (!data.startsWith(PostgresUrl.PREFIX)) {
                throw new SchemaException("--data " + data.substring(0, data.indexOf(':', 5) < 0 ? data.length()
                        : data.indexOf(':', 5)) + ":… is not a PostgreSQL URL", "relgraph reads PostgreSQL "
                        + "(jdbc:postgresql://host:port/db); other databases through the Spark catalogue "
                        + "(--catalog-database)");
            }
            return new SparkInputs(null, PostgresUrl.parse(data), null, schemaFile);
        }
        return new SparkInputs(Path.of(data), null, null, schemaFile);
    }

    /** The schema as declared (schema.yaml, the folder's inferred one, or the database catalogue's). */
    Schema schema() {
        return schema;
    }

    /**
     * @param partitions ranges each database table is read in (ignored for folders, whose files Spark splits, and
     *                   for catalogue tables, which their format splits)
     */
    SparkTables tables(SparkSession spark, int partitions) {
        if (url != null) {
            return new SparkTables(new JdbcTables(spark, url, database, schema, partitions), schema);
        }
        if (catalogDatabase != null) {
            return new SparkTables(new CatalogTables(spark, catalogDatabase), schema);
        }
        return new SparkTables(spark, folder, schema);
    }

    boolean isCatalogue() {
        return catalogDatabase != null;
    }

    /**
     * The data as {@code neighbourhoods.json} records it, so that score and train can check they read the rows the
     * neighbourhoods name: a folder's absolute path; a database's {@code jdbc:postgresql://host:port/db?schema=s}
     * (no user, no password: who reads does not change the rows); a catalogue database's {@code spark-catalog:NAME}
     * (its name only: a catalogue is the session's, so two sessions may give one name to other tables).
     */
    String identity() {
        if (url != null) {
            return PostgresUrl.PREFIX + "//" + url.location() + "?schema=" + url.schemaName();
        }
        if (catalogDatabase != null) {
            return CATALOG + catalogDatabase;
        }
        return folder.toAbsolutePath().normalize().toString();
    }

    /** The option that reads {@code identity} ("--data DIR", "--catalog-database NAME"), for hints. */
    private static String option(String identity) {
        return identity.startsWith(CATALOG) ? "--catalog-database " + identity.substring(CATALOG.length())
                : "--data " + identity;
    }

    /**
     * Refuses neighbourhoods sampled from other data than this: their rows are row positions in that data, so
     * other data would silently give other rows' values.
     *
     * @param json {@code dir}'s {@code neighbourhoods.json}; one without {@code data} is not checked
     * @param job  the job that reads them ("train", "score"), for the hint
     */
    void requireSampledFrom(JsonNode json, Path dir, String job) {
        String recorded = json.path("data").asText(null);
        if (recorded == null) {
            return;
        }
        String mine = identity();
        boolean recordedFolder = !recorded.startsWith(PostgresUrl.PREFIX) && !recorded.startsWith(CATALOG);
        boolean same = folder != null && recordedFolder
                ? Path.of(recorded).toAbsolutePath().normalize().equals(folder.toAbsolutePath().normalize())
                : recorded.equals(mine);
        if (!same) {
            String given = catalogDatabase != null ? "--catalog-database is " + catalogDatabase : "--data is " + mine;
            throw new SchemaException("--neighbourhoods " + dir + " were sampled from " + recorded + ", and " + given
                    + " (their rows are row positions in that data)", "run relgraph-spark neighbourhoods "
                    + option(mine) + ", or " + job + " with " + option(recorded));
        }
    }

    /**
     * The whole database in the driver's memory, as the single-machine loader gives it: what {@code train} needs to
     * fit the encoding, validate and test. A folder or PostgreSQL is loaded by the single-machine loader, as
     * {@code relgraph train} loads it ({@code --data} as given, so credentials come from the URL or PGUSER/
     * PGPASSWORD); catalogue tables, which only Spark reads, are read by Spark, checked by the loader's key rules
     * ({@link SparkKeyChecks}) and collected to the driver table by table, each row at its position
     * ({@link RowPositions}), in the loader's column types ({@link MaterialisedRows}). Either way the driver holds
     * every table: this is not scale-out.
     *
     * @param data  {@code --data} as given (null for the catalogue)
     * @param spark the session, needed for the catalogue only
     */
    Database driverDatabase(String data, Path schemaFile, SparkSession spark) {
        if (catalogDatabase == null) {
            return Sources.open(data, schemaFile).load(LoadOptions.defaults()).database();
        }
        SparkTables tables = tables(spark, 1);
        SparkKeyChecks.require(tables);
        Map<String, List<SparkScoring.ColumnLayout>> layouts = SparkScoring.layouts(tables);
        List<Dataset<Row>> values = new ArrayList<>();
        for (Map.Entry<String, List<SparkScoring.ColumnLayout>> e : layouts.entrySet()) {
            String pos = "__relgraph_pos";
            // MaterialisedRows' value rows: (key, table, row, as_of, doubles, longs, texts, summary)
            values.add(RowPositions.of(tables.table(e.getKey()), pos).select(lit(0).as("__key"),
                    lit(e.getKey()).as("__table"), col(pos), lit(null).cast(DataTypes.LongType).as("__as_of"),
                    SparkScoring.packed(e.getValue(), 'D', DataTypes.DoubleType).as("__d"),
                    SparkScoring.packed(e.getValue(), 'L', DataTypes.LongType).as("__l"),
                    SparkScoring.packed(e.getValue(), 'S', DataTypes.StringType).as("__s"),
                    lit(null).cast(DataTypes.createArrayType(DataTypes.FloatType)).as("__summary")));
        }
        MaterialisedRows rows = new MaterialisedRows(tables.schema(), layouts, null,
                values.stream().reduce(Dataset::unionAll).orElseThrow().toLocalIterator());
        return new Database(tables.schema(), new ArrayList<>(rows.tables().values()));
    }
}
