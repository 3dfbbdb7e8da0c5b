package org.relgraph.spark;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.OptionalLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.relgraph.query.Aggregation;
import org.relgraph.query.CompareOp;
import org.relgraph.query.Literal;
import org.relgraph.query.LiteralValues;
import org.relgraph.schema.SemanticType;

/**
 * {@code AGG(T.col [WHERE cond], start, end)} per (entity, anchor) with the single-machine meaning
 * ({@code WindowAggregator}) and its comparison with a literal ({@code AggregateComparison}).
 *
 * <p>SUM and AVG add the values in time order, ties by file row, starting from 0, exactly as the single-machine
 * loop does: a floating-point sum depends on its order, and Spark's {@code sum} adds partial sums in whatever order
 * the partitions arrive, which would change the last bits of a label between runs. The window's values of one
 * (entity, anchor) are few (one customer's rows in a few months), so sorting them is cheap.
 */
final class WindowAggregates {
    static final String KEY = "__key";
    static final String ANCHOR = "__anchor";
    static final String VALUE = "__value";
    static final String TIME = "__time";
    static final String X = "__x";

    private WindowAggregates() {
    }

    /**
     * @param rows one row per (target row, anchor whose window holds it) after the WHERE and with null values
     *             dropped: columns {@link #KEY}, {@link #ANCHOR}, {@link #TIME}, {@link SparkTables#ROW} and, unless
     *             the aggregate is over {@code T.*}, {@link #X} (DOUBLE, or STRING for a text column's FIRST, LAST or
     *             COUNT_DISTINCT)
     * @return {@link #KEY}, {@link #ANCHOR}, {@link #VALUE} (DOUBLE; STRING for FIRST or LAST of text) for the pairs
     *         with at least one row
     */
    static Dataset<Row> aggregate(Dataset<Row> rows, Aggregation fn) {
        Column value = switch (fn) {
            case COUNT -> count(lit(1)).cast(DataTypes.DoubleType);
            case COUNT_DISTINCT -> count_distinct(col(X)).cast(DataTypes.DoubleType);
            case MIN -> min(col(X));
            case MAX -> max(col(X));
            case SUM -> orderedSum();
            case AVG -> orderedSum().divide(count(lit(1)));
            // the value of the earliest (latest) row in time order, ties by file row, as the single-machine loop
            case FIRST -> min_by(col(X), struct(col(TIME), col(SparkTables.ROW)));
            case LAST -> max_by(col(X), struct(col(TIME), col(SparkTables.ROW)));
        };
        return rows.groupBy(col(KEY), col(ANCHOR)).agg(value.as(VALUE));
    }

    private static Column orderedSum() {
        Column sorted = array_sort(collect_list(struct(col(TIME), col(SparkTables.ROW), col(X))));
        return org.apache.spark.sql.functions.aggregate(sorted, lit(0.0), (acc, x) -> acc.plus(x.getField(X)));
    }

    /**
     * The aggregate of a pair after a left join with {@link #aggregate}'s result ({@code value} null when the
     * pair had no row): 0 for COUNT, COUNT_DISTINCT and SUM of no rows, else no value (null).
     */
    static Column withEmptyWindows(Column value, Aggregation fn) {
        return fn.isDefinedOnEmpty() ? when(value.isNull(), lit(0.0)).otherwise(value) : value;
    }

    /**
     * {@code aggregate op literal}, false where the aggregate has no value; the literal in the aggregate's scale: a
     * number for counts, sums and averages and numeric columns, epoch ms for a timestamp, the id for an id, the text
     * for FIRST or LAST of a text column. One machine compares dictionary codes ({@code AggregateComparison}); a code
     * equals the literal's code exactly when the value equals the literal, and a literal the column never holds
     * has no code, so = holds nowhere and != wherever there is a value, as here. Text takes = and != only (the
     * binder refuses the rest).
     *
     * @param columnType the aggregated column's type, null for {@code T.*}
     * @param text       whether the column is text in the frames (its FIRST or LAST is a string)
     */
    static Column compare(Column aggregate, Aggregation fn, SemanticType columnType, boolean text, CompareOp op,
                          Literal literal) {
        boolean numericResult = fn == Aggregation.COUNT || fn == Aggregation.COUNT_DISTINCT
                || fn == Aggregation.SUM || fn == Aggregation.AVG;
        if (!numericResult && text) {
            Column written = lit(LiteralValues.written(literal));
            Column test = switch (op) {
                case EQ -> aggregate.equalTo(written);
                case NE -> aggregate.notEqual(written);
                default -> throw new IllegalStateException("the binder lets only = and != compare text: " + op);
            };
            return aggregate.isNotNull().and(test);
        }
        double v;
        if (numericResult || columnType == SemanticType.NUMERICAL || columnType == SemanticType.BOOLEAN) {
            v = LiteralValues.number(literal);
        } else {
            OptionalLong parsed = LiteralValues.longValue(columnType, literal);
            if (parsed.isEmpty()) {
                // no value of the aggregate can equal it: only != holds
                return aggregate.isNotNull().and(lit(op == CompareOp.NE));
            }
            v = parsed.getAsLong();
        }
        Column x = lit(v);
        Column test = switch (op) {
            case EQ -> aggregate.equalTo(x);
            case NE -> aggregate.notEqual(x);
            case LT -> aggregate.lt(x);
            case LE -> aggregate.leq(x);
            case GT -> aggregate.gt(x);
            case GE -> aggregate.geq(x);
        };
        return aggregate.isNotNull().and(test);
    }
}
