package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TableSchema;
import org.relgraph.source.BadValues;
import org.relgraph.validate.DatabaseValidator;
import org.relgraph.validate.ValidationException;
import org.relgraph.validate.ValidationReport;

/**
 * The key rules the single-machine loader enforces before it labels anything ({@link DatabaseValidator} with the
 * default dangling policy FAIL), checked with Spark over every table of the schema: each table's rows readable
 * (values of their declared types, at least one row), primary keys present and unique, and every foreign key
 * matching a row of the table it references. A breach is refused with the loader's own message (the count of
 * errors, the first one's table, column, row and examples).
 *
 * <p>Cost on good data: one aggregation per table with a primary key (its null and distinct key counts: a shuffle
 * of the key column) and one anti-join per foreign key (a shuffle of both key columns), each producing a count.
 * Only a failing check reads its table again, to find the rows to name.
 */
final class SparkKeyChecks {
    private static final String KEY = "__relgraph_key";

    private SparkKeyChecks() {
    }

    static void require(SparkTables tables) {
        Schema schema = tables.schema();
        for (TableSchema t : schema.tables()) {
            tables.table(t.name()); // reading checks the values and that there are rows, table by table
        }
        ValidationReport report = new ValidationReport();
        for (TableSchema t : schema.tables()) {
            Dataset<Row> rows = tables.table(t.name());
            if (t.primaryKeyOpt().isPresent()) {
                String pk = t.primaryKeyOpt().get();
                checkPrimaryKey(t, rows, t.column(pk).map(c -> c.name()).orElse(pk), report);
            } else if (rows.isEmpty()) {
                report.add(DatabaseValidator.noRows(t.name())); // a file without rows is refused as it is read
            }
        }
        for (ForeignKey fk : schema.foreignKeys()) {
            checkForeignKey(tables, fk, report);
        }
        if (report.hasErrors()) {
            throw new ValidationException(tables.describe(), report);
        }
    }

    private static void checkPrimaryKey(TableSchema t, Dataset<Row> rows, String pk, ValidationReport report) {
        Column key = rows.col(pk);
        Row counts = rows.agg(count(when(key.isNull(), lit(1))), count(key), count_distinct(key), count(lit(1)))
                .first();
        if (counts.getLong(3) == 0) {
            report.add(DatabaseValidator.noRows(t.name())); // a file without rows is refused as it is read
        }
        long nulls = counts.getLong(0);
        if (nulls > 0) {
            long first = rows.filter(key.isNull()).agg(min(col(SparkTables.ROW))).first().getLong(0);
            report.add(DatabaseValidator.nullKeys(t.name(), pk, nulls, SparkTables.rowNumber(rows, first)));
        }
        long duplicates = counts.getLong(1) - counts.getLong(2);
        if (duplicates > 0) {
            // the rows after the first of their key, as the loader's key index sees them
            Dataset<Row> repeats = rows.filter(key.isNotNull()).withColumn("__relgraph_nth",
                    row_number().over(Window.partitionBy(key).orderBy(col(SparkTables.ROW))))
                    .filter(col("__relgraph_nth").gt(1)).select(key.as(KEY), col(SparkTables.ROW));
            report.add(DatabaseValidator.duplicateKeys(t.name(), pk, duplicates,
                    firstRow(rows, repeats), examples(repeats)));
        }
    }

    private static void checkForeignKey(SparkTables tables, ForeignKey fk, ValidationReport report) {
        Schema schema = tables.schema();
        TableSchema childSchema = schema.requireTable(fk.table());
        TableSchema parentSchema = schema.requireTable(fk.referencedTable());
        Dataset<Row> child = tables.table(childSchema.name());
        Dataset<Row> parent = tables.table(parentSchema.name());
        Dataset<Row> keys = child.filter(child.col(fk.column()).isNotNull())
                .select(child.col(fk.column()).as(KEY), child.col(SparkTables.ROW));
        Dataset<Row> parentKeys = parent.select(parent.col(parentSchema.primaryKeyOpt().orElseThrow()).as("__relgraph_parent_key"));
        Dataset<Row> dangling = keys.join(parentKeys, SparkTables.keysMatch(keys.col(KEY),
                parentKeys.col("__relgraph_parent_key"), keys.schema().apply(KEY).dataType(),
                parentKeys.schema().apply(0).dataType()), "left_anti");
        long count = dangling.count();
        if (count > 0) {
            report.add(DatabaseValidator.danglingKeys(childSchema.name(), fk.column(), parentSchema.name(), count,
                    firstRow(child, dangling), examples(dangling)));
        }
    }

    /** The 1-based file row of the first of {@code offending} (a subset of {@code rows} with its row ids). */
    private static long firstRow(Dataset<Row> rows, Dataset<Row> offending) {
        return SparkTables.rowNumber(rows, offending.agg(min(col(SparkTables.ROW))).first().getLong(0));
    }

    /** The first few distinct keys of {@code offending} in file order, as the loader lists them. */
    private static List<String> examples(Dataset<Row> offending) {
        return offending.groupBy(col(KEY)).agg(min(col(SparkTables.ROW)).as("__relgraph_first"))
                .orderBy(col("__relgraph_first")).limit(BadValues.EXAMPLES)
                .select(col(KEY).cast(DataTypes.StringType)).collectAsList().stream().map(r -> r.getString(0))
                .toList();
    }
}
