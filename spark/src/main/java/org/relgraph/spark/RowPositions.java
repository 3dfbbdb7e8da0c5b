package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.spark_partition_id;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Numbers a table's rows 0, 1, 2... in file order: the single-machine loader's row numbers, which are the node ids
 * of {@code HeteroGraph} and what the in-memory sampler returns. A row keeps this number whatever Spark's
 * partitioning, so a materialised neighbourhood names its rows the way the single-machine path does, and a later
 * job finds them again by reading the file.
 *
 * <p>Like {@code zipWithIndex}, without leaving DataFrames: one job counts the rows of each scan partition (the
 * file's byte ranges, in order), then each row's number is the rows of the partitions before it plus its index in
 * its own partition (the low 33 bits of {@code monotonically_increasing_id}). No shuffle, no sort.
 */
final class RowPositions {
    private static final String PARTITION = "__partition";
    private static final String ID = "__id";

    private RowPositions() {
    }

    /**
     * {@code table} (a scan in file order, as {@link SparkTables#table} reads it, before any shuffle) with one more
     * LONG column {@code name}: the row's 0-based position in its file.
     */
    static Dataset<Row> of(Dataset<Row> table, String name) {
        Dataset<Row> ided = table.withColumn(PARTITION, spark_partition_id())
                .withColumn(ID, monotonically_increasing_id());
        int partitions = ided.rdd().getNumPartitions();
        long[] before = new long[partitions];
        List<Row> counts = ided.groupBy(PARTITION).count().collectAsList();
        long[] rows = new long[partitions];
        for (Row r : counts) {
            rows[r.getInt(0)] = r.getLong(1);
        }
        for (int p = 1; p < partitions; p++) {
            before[p] = before[p - 1] + rows[p - 1];
        }
        // element_at is 1-based; the index within a partition is the id minus (partition << 33)
        return ided.withColumn(name, element_at(lit(before), col(PARTITION).plus(1))
                        .plus(col(ID)).minus(shiftleft(col(PARTITION).cast(DataTypes.LongType), 33)))
                .drop(PARTITION, ID);
    }
}
