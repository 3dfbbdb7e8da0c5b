package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The single-machine loader's dictionary codes of a text column (categorical, text, or an id stored as text): each
 * distinct value numbered 0, 1, 2... in order of its first appearance in the table's rows, as
 * {@code CategoricalColumnBuilder} and {@code DuckDbTableReader}'s ENUM number them. A FIRST or LAST of such a
 * column is that code on one machine, and {@code relgraph query --out} writes the code as the label.
 *
 * <p>First appearance is the least {@link SparkTables#ROW} among the value's rows: every source numbers rows
 * increasing in the loader's order (a folder's file order, PostgreSQL's key order, a catalogue table's scan order).
 * One aggregation gives each value its first row (one row per distinct value, shuffled); the values are then
 * numbered in that order: on the driver when few (a categorical; the codes are then broadcast to the join), else
 * sorted and numbered by the executors ({@code zipWithIndex}: a text column with millions of values never reaches
 * the driver).
 */
final class CategoryCodes {
    /** The value's text. */
    static final String TEXT = "__code_text";
    /** Its code, a DOUBLE as labels are. */
    static final String CODE = "__code";
    /** Dictionaries up to this size are numbered on the driver and broadcast. */
    static final int DRIVER_LIMIT = 65_536;
    private static final String FIRST_ROW = "__first_row";
    private static final StructType CODES = new StructType().add(TEXT, DataTypes.StringType, false)
            .add(CODE, DataTypes.DoubleType, false);

    private CategoryCodes() {
    }

    /** {@link #TEXT}, {@link #CODE} of each non-null value of {@code column} of a SparkTables frame. */
    static Dataset<Row> of(Dataset<Row> table, String column) {
        return of(table, column, DRIVER_LIMIT);
    }

    /** As {@link #of(Dataset, String)}, numbering on the driver only up to {@code driverLimit} values (tests). */
    static Dataset<Row> of(Dataset<Row> table, String column, int driverLimit) {
        SparkSession spark = table.sparkSession();
        Dataset<Row> firsts = table.filter(table.col("`" + column + "`").isNotNull())
                .groupBy(table.col("`" + column + "`").cast(DataTypes.StringType).as(TEXT))
                .agg(min(col(SparkTables.ROW)).as(FIRST_ROW));
        // a value's first row is its own (a row holds one value), so the order has no ties
        Dataset<Row> ordered = firsts.orderBy(col(FIRST_ROW)).select(col(TEXT));
        List<Row> few = ordered.limit(driverLimit + 1).collectAsList();
        if (few.size() <= driverLimit) {
            List<Row> codes = new ArrayList<>(few.size());
            for (int i = 0; i < few.size(); i++) {
                codes.add(RowFactory.create(few.get(i).getString(0), (double) i));
            }
            return spark.createDataFrame(codes, CODES); // a local relation: Spark broadcasts it when joined
        }
        // a sort's partitions are ranges in order, so zipWithIndex numbers the values in first-appearance order
        JavaRDD<Row> numbered = ordered.javaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1().getString(0), (double) t._2().longValue()));
        return spark.createDataFrame(numbered, CODES);
    }

    /**
     * {@code rows} with its text column {@code valueColumn} replaced by the value's code (DOUBLE); every value of
     * {@code rows} must be a value of the table the codes were made from.
     */
    static Dataset<Row> coded(Dataset<Row> rows, String valueColumn, Dataset<Row> codes) {
        Dataset<Row> joined = rows.join(codes, rows.col(valueColumn).equalTo(codes.col(TEXT)), "inner");
        return joined.withColumn(valueColumn, codes.col(CODE)).drop(TEXT, CODE);
    }
}
