package org.relgraph.spark;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;
import org.relgraph.schema.SchemaException;

/**
 * The rows of one table a hop expands from (or whose child summaries are asked for), as a broadcast side that
 * restricts the other table of a foreign key to the rows that can meet them, before its per-parent window. Without
 * it, a hop ranks every child row of the table by time per parent to keep the few parents of the seeds (the 1M
 * bank: 389M shuffled rows for 2.0M kept, benchmarks/README).
 *
 * <p>The rule: restrict when the frontier has at most {@link #MAX_ROWS} distinct rows (its broadcast hash relation
 * of longs is then at most about 16–32 MB on each executor) and at most half of its table's rows (a frontier
 * holding most parents would filter out little and still pay the broadcast). Otherwise the plain path: the whole
 * table's edges, as before. The broadcast is explicit because Spark cannot know the frontier is small when it plans:
 * a filtered, aggregated frame read back from files is estimated at its input's size, so the planner picks a
 * sort-merge join, and adaptive execution can switch it to a broadcast only after the child table's side has
 * already been scanned and shuffle-written.
 *
 * <p>The restriction never changes a result: a window partitioned by parent (or a join by child row) sees, for every
 * parent (child) of the frontier, the same rows as over the whole table; only parents nobody asked about are gone.
 * Spark conf {@value #MODE} = {@code auto} (default), {@code always} or {@code never} overrides the rule (tests use it
 * to check both paths on small data; {@code spark-submit --conf}, or {@code -D} in local mode, to compare them).
 */
final class FrontierRows {
    /** The one column of a restriction. */
    static final String ROW = "__frontier_row";
    static final String MODE = "spark.relgraph.frontier.restrict";
    static final long MAX_ROWS = 1_000_000L;

    private FrontierRows() {
    }

    /**
     * The distinct rows of {@code rows} (a frame whose column {@code column} is a file row), persisted, when
     * restricting pays by the rule above; else null (use the whole table).
     *
     * @param tableRows the table's row count, asked only when the frontier is small enough to need it
     */
    static Dataset<Row> of(SparkSession spark, Dataset<Row> rows, String column, LongSupplier tableRows) {
        String mode = spark.conf().get(MODE, "auto").toLowerCase(Locale.ROOT);
        if (!mode.equals("auto") && !mode.equals("always") && !mode.equals("never")) {
            throw new SchemaException("Spark conf " + MODE + " is '" + mode + "'",
                    "use auto (the default), always or never");
        }
        if (mode.equals("never")) {
            return null;
        }
        Dataset<Row> distinct = rows.select(col(column).cast(DataTypes.LongType).as(ROW)).distinct()
                .persist(StorageLevel.MEMORY_AND_DISK());
        long n = distinct.count();
        if (mode.equals("always") || n <= MAX_ROWS && 2 * n <= tableRows.getAsLong()) {
            return distinct;
        }
        distinct.unpersist();
        return null;
    }

    /** The rows of {@code table} whose {@code row} is in the frontier: a broadcast left-semi join, no shuffle. */
    static Dataset<Row> restrict(Dataset<Row> table, Column row, Dataset<Row> frontier) {
        return table.join(broadcast(frontier), row.equalTo(frontier.col(ROW)), "left_semi");
    }
}
