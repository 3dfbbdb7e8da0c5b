package org.relgraph.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.relgraph.query.ColumnRef;
import org.relgraph.query.Literal;
import org.relgraph.query.LiteralValueCheck;
import org.relgraph.query.LiteralValueCheck.ColumnValues;
import org.relgraph.query.LiteralValues;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;

/**
 * The values a compared column holds, read from the job's tables, so a Spark job refuses {@code 'Mortage'} as
 * {@code relgraph query} does ({@link LiteralValueCheck}) instead of labelling every example 0. The same columns
 * are checked as on one machine: text columns (stored there as dictionaries) and integer ids. A column costs one
 * distinct scan stopped after {@link LiteralValueCheck#LOW_CARDINALITY} + 1 values; a many-valued column costs a
 * lookup of the literal, and a count of its distinct values only when the literal is absent (for the warning).
 * Unlike one machine, a many-valued text column's warning carries no did-you-mean: its values are not collected.
 */
final class SparkLiteralValues {
    private SparkLiteralValues() {
    }

    /** The query's warnings (many-valued columns); throws the query error for an absent few-valued value. */
    static List<String> check(PredictiveQuery query, SparkTables tables) {
        return LiteralValueCheck.check(query, ref -> of(tables, ref));
    }

    private static ColumnValues of(SparkTables tables, ColumnRef ref) {
        TableSchema t = tables.schema().requireTable(ref.table());
        ColumnSchema c = t.column(ref.column()).orElse(null);
        if (c == null) {
            return null; // binding already refused an unknown column
        }
        Dataset<Row> rows = tables.table(t.name());
        DataType type = rows.schema().apply(c.name()).dataType();
        boolean textual = type.equals(DataTypes.StringType);
        if (!textual && !(type.equals(DataTypes.LongType) && c.type() == SemanticType.ID)) {
            return null;
        }
        Column value = col(c.name());
        Dataset<Row> present = rows.select(value).filter(value.isNotNull());
        List<Row> few = present.distinct().limit(LiteralValueCheck.LOW_CARDINALITY + 1).collectAsList();
        Set<Object> held = few.stream().map(r -> r.get(0)).collect(Collectors.toSet());
        boolean many = held.size() > LiteralValueCheck.LOW_CARDINALITY;
        List<String> texts = many && textual ? List.of() : textual
                ? held.stream().map(String.class::cast).sorted().toList()
                : held.stream().map(Long.class::cast).sorted().map(String::valueOf).toList();
        return new ColumnValues() {
            private Integer distinct;

            @Override
            public boolean holds(Literal literal) {
                Object v;
                if (textual) {
                    v = LiteralValues.text(literal);
                } else {
                    OptionalLong l = LiteralValues.longValue(c.type(), literal);
                    if (l.isEmpty()) {
                        return false;
                    }
                    v = l.getAsLong();
                }
                return many ? present.filter(value.equalTo(v)).limit(1).count() > 0 : held.contains(v);
            }

            @Override
            public int distinct() {
                if (distinct == null) {
                    // ids: "over LOW_CARDINALITY" is all the message says, as on one machine
                    distinct = !many || !textual ? held.size()
                            : (int) Math.min(Integer.MAX_VALUE, present.agg(countDistinct(value)).first().getLong(0));
                }
                return distinct;
            }

            @Override
            public List<String> texts() {
                return texts;
            }

            @Override
            public boolean textual() {
                return textual;
            }
        };
    }
}
