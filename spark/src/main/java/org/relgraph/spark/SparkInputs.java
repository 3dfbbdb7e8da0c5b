package org.relgraph.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.source.PostgresSource;
import org.relgraph.source.PostgresUrl;

/**
 * Where a job's tables come from: a data folder ({@code --data DIR}), a PostgreSQL schema ({@code --data
 * jdbc:postgresql://…}, as {@code relgraph --data} takes it), or a database of the Spark catalogue
 * ({@code --catalog-database NAME} with {@code --schema FILE}). The schema is read on the driver before Spark
 * starts; {@link #tables} then reads the rows with Spark.
 */
final class SparkInputs {
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
}
