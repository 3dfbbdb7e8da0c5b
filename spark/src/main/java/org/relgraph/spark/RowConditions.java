package org.relgraph.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;

import java.util.OptionalLong;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.relgraph.query.ColumnRef;
import org.relgraph.query.CompareOp;
import org.relgraph.query.Expr;
import org.relgraph.query.Literal;
import org.relgraph.query.LiteralValues;
import org.relgraph.schema.TableSchema;

/**
 * A bound row condition (a target's condition, an aggregate's WHERE, or a filter's test of one row) as a Spark
 * column over one table's frame from {@link SparkTables}, with the single-machine meaning
 * ({@code RowPredicateCompiler}): a comparison against a null value is false, for {@code !=} too, and only IS NULL
 * sees nulls; {@code NOT} negates that two-valued result. So every comparison is made non-null (false) before
 * AND, OR and NOT combine it, unlike SQL's three-valued logic, which would drop a row whose {@code NOT (x = 1)}
 * is unknown.
 */
final class RowConditions {
    private final Dataset<Row> frame;
    private final TableSchema table;

    RowConditions(Dataset<Row> frame, TableSchema table) {
        this.frame = frame;
        this.table = table;
    }

    Column compile(Expr e) {
        if (e instanceof Expr.And and) {
            return compile(and.left()).and(compile(and.right()));
        }
        if (e instanceof Expr.Or or) {
            return compile(or.left()).or(compile(or.right()));
        }
        if (e instanceof Expr.Not not) {
            return compile(not.operand()).unary_$bang();
        }
        if (e instanceof Expr.IsNull n) {
            Column c = column(n.column());
            return n.negated() ? c.isNotNull() : c.isNull();
        }
        if (e instanceof Expr.In in) {
            Column any = lit(false);
            for (Literal v : in.values()) {
                any = any.or(compare(in.column(), CompareOp.EQ, v));
            }
            return any;
        }
        if (e instanceof Expr.Comparison c) {
            return compare(c.column(), c.op(), c.value());
        }
        throw new IllegalStateException("not a row condition: " + e.render());
    }

    private Column column(ColumnRef ref) {
        return frame.col("`" + ref.column() + "`");
    }

    private DataType type(ColumnRef ref) {
        return frame.schema().apply(ref.column()).dataType();
    }

    private Column compare(ColumnRef ref, CompareOp op, Literal value) {
        Column c = column(ref);
        DataType type = type(ref);
        if (type.equals(DataTypes.StringType)) {
            // Categories compare as text (the dictionary holds the file's strings); = and != only.
            Column v = lit(LiteralValues.text(value));
            return coalesce(op == CompareOp.EQ ? c.equalTo(v) : c.notEqual(v), lit(false));
        }
        if (type.equals(DataTypes.DoubleType)) {
            return ordered(c, op, lit(LiteralValues.number(value)));
        }
        OptionalLong parsed = LiteralValues.longValue(table.column(ref.column()).orElseThrow().type(), value);
        if (parsed.isEmpty()) {
            // The literal equals no value (a fractional id, an unreadable date): = matches nothing, != anything set.
            return op == CompareOp.NE ? c.isNotNull() : lit(false);
        }
        return ordered(c, op, lit(parsed.getAsLong()));
    }

    private static Column ordered(Column c, CompareOp op, Column v) {
        Column test = switch (op) {
            case EQ -> c.equalTo(v);
            case NE -> c.notEqual(v);
            case LT -> c.lt(v);
            case LE -> c.leq(v);
            case GT -> c.gt(v);
            case GE -> c.geq(v);
        };
        return coalesce(test, lit(false));
    }
}
