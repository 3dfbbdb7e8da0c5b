package org.relgraph.spark;

import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.relgraph.options.OptionChecks;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where a job's tables come from, the same options on every job that reads the data (a picocli mixin):
 * {@code --data DIR|JDBC_URL} or {@code --catalog-database NAME}, with {@code --schema FILE} and
 * {@code --jdbc-partitions N}. {@link SparkInputs} reads them.
 */
final class SparkInputOptions {
    static final class Source {
        @Option(names = "--data", paramLabel = "DIR|JDBC_URL", description = "A folder of CSV/Parquet files with "
                + "schema.yaml (or one is inferred), or jdbc:postgresql://host:port/db[?schema=name] (credentials "
                + "from PGUSER/PGPASSWORD), whose tables are read in parallel ranges of their keys.")
        String data;

        @Option(names = "--catalog-database", paramLabel = "NAME", description = "Read the tables --schema names "
                + "from this database of the Spark catalogue (Hive, Delta, Iceberg... as the session is set up).")
        String catalogDatabase;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--jdbc-partitions", paramLabel = "N", description = "Ranges of its key each database table is "
            + "read in, in parallel (default: the session's default parallelism).")
    Integer jdbcPartitions;

    @Option(names = "--schema", paramLabel = "FILE", description = "A schema.yaml that overrides the folder's or the "
            + "database's own (needed with --catalog-database).")
    Path schemaFile;

    /** The folder or URL of {@code --data}, or null with {@code --catalog-database}. */
    String data() {
        return source.data;
    }

    /** The source opened and its schema read, on the driver before Spark starts; options checked first. */
    SparkInputs open() {
        OptionChecks.atLeast("--jdbc-partitions", jdbcPartitions, 1, "parallel reads of each PostgreSQL table, "
                + "e.g. --jdbc-partitions 8");
        return SparkInputs.of(source.data, source.catalogDatabase, schemaFile);
    }

    /** The tables of {@code inputs} read by {@code spark}, a database in {@code --jdbc-partitions} ranges. */
    SparkTables tables(SparkInputs inputs, SparkSession spark) {
        return inputs.tables(spark, jdbcPartitions != null ? jdbcPartitions
                : spark.sparkContext().defaultParallelism());
    }
}
