package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;
import org.relgraph.source.PostgresSource;
import org.relgraph.source.PostgresUrl;
import org.relgraph.source.SqlIdentifier;

/**
 * The tables of a PostgreSQL schema, read by Spark's JDBC source in parallel: each table with an integer primary
 * key is split into {@code partitions} ranges of that key (bounds from one {@code min/max} query), each range read
 * by its own task over its own connection. The SQL converting each column is the single-machine
 * {@link PostgresSource}'s (same types, same refusals of a column whose database type does not fit its declared
 * one), and rows are numbered as there, in key order: {@link SparkTables#ROW} is the key itself, which orders
 * them, and each range is sorted by it (ranges are partitions in key order), so the frame's scan order is the key
 * order too ({@link RowPositions} numbers rows by it). A table without an integer key is read in one partition,
 * ordered by its key as on one machine.
 *
 * <p>The partitions of one table are separate transactions, so a table written to while the job reads it may be
 * seen at different moments by different ranges (the single machine reads all tables in one snapshot).
 */
final class JdbcTables implements SparkTables.TableReader {
    private final SparkSession spark;
    private final PostgresUrl url;
    private final PostgresSource source;
    private final int partitions;
    private final Map<String, PostgresSource.TableRead> reads = new HashMap<>();

    /** Looks at the catalogue once, on the driver, refusing type mismatches before any Spark work. */
    JdbcTables(SparkSession spark, PostgresUrl url, PostgresSource source, Schema schema, int partitions) {
        this.spark = spark;
        this.url = url;
        this.source = source;
        this.partitions = partitions;
        List<PostgresSource.TableRead> all = source.tableReads(schema);
        for (int i = 0; i < all.size(); i++) {
            reads.put(schema.tables().get(i).name().toLowerCase(Locale.ROOT), all.get(i));
        }
    }

    @Override
    public Dataset<Row> read(TableSchema t) {
        PostgresSource.TableRead r = reads.get(t.name().toLowerCase(Locale.ROOT));
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < t.columns().size(); i++) {
            select.append(r.select().get(i)).append(" AS ").append(SqlIdentifier.quote(t.columns().get(i).name()))
                    .append(", ");
        }
        DataFrameReader reader = spark.read().format("jdbc").option("url", url.jdbcUrl())
                .option("driver", "org.postgresql.Driver").option("fetchsize", 10_000);
        url.properties().forEach((k, v) -> reader.option(k.toString(), v.toString()));
        if (r.integerKey()) {
            String key = SqlIdentifier.quote(r.primaryKey());
            // a null key (refused later by the key checks) sorts last, as ORDER BY puts it
            select.append("coalesce(").append(key).append("::bigint, ").append(Long.MAX_VALUE).append(") AS ")
                    .append(SparkTables.ROW).append(" FROM ").append(r.from());
            reader.option("dbtable", "(" + select + ") AS relgraph_table");
            List<Object> range = source.queryOneRow("SELECT min(" + key + ")::bigint, max(" + key + ")::bigint FROM "
                    + r.from());
            if (partitions > 1 && range.size() == 2 && range.get(0) != null
                    && ((Number) range.get(1)).longValue() > ((Number) range.get(0)).longValue()) {
                reader.option("partitionColumn", SparkTables.ROW).option("lowerBound", range.get(0).toString())
                        .option("upperBound", range.get(1).toString()).option("numPartitions", partitions);
            }
            // Spark's ranges are its partitions in key order, but a range's rows come in the server's order: sorted
            // within each partition (no shuffle), the scan order is the key order, so RowPositions numbers each row
            // as the single machine does (its position in ORDER BY key), which neighbourhoods, score and train need
            return reader.load().sortWithinPartitions(SparkTables.ROW);
        }
        select.setLength(select.length() - 2);
        select.append(" FROM ").append(r.from());
        if (r.primaryKey() != null) {
            select.append(" ORDER BY ").append(SqlIdentifier.quote(r.primaryKey()));
        }
        // one partition keeps the server's order, which the row ids then follow
        Dataset<Row> rows = reader.option("query", select.toString()).load();
        return rows.withColumn(SparkTables.ROW, monotonically_increasing_id()).select(col("*"));
    }

    @Override
    public String describe() {
        return source.describe();
    }
}
