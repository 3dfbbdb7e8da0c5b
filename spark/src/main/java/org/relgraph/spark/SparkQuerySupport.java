package org.relgraph.spark;

import org.relgraph.query.Aggregation;
import org.relgraph.query.Expr;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.QueryException;
import org.relgraph.query.Span;
import org.relgraph.query.Target;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SemanticType;

/**
 * Refuses, before any Spark work, the one query form the Spark labels job does not compute yet, naming the place in
 * the query: MIN, MAX, FIRST or LAST of a categorical, text or id column (the single-machine path gives dictionary
 * codes, whose numbering is the loader's). Everything else PQL accepts, ARGMAX and LIST_DISTINCT targets included, is
 * computed as {@code relgraph query} computes it.
 */
final class SparkQuerySupport {
    private static final String HINT = "run this query with relgraph query (one machine) for now; the Spark job "
            + "computes BOOL, ARGMAX, LIST_DISTINCT and COUNT, COUNT_DISTINCT, SUM, AVG targets, and MIN, MAX, FIRST, LAST "
            + "of numbers and times, in targets and filters";

    private SparkQuerySupport() {
    }

    static void check(PredictiveQuery query, Schema schema) {
        Target t = query.target();
        if (t instanceof Target.Aggregate a) {
            checkAggregation(query, schema, a.function(), a.column().table(), a.column().column(), a.span());
        }
        query.filter().ifPresent(f -> checkFilter(query, schema, f));
    }

    private static void checkFilter(PredictiveQuery query, Schema schema, Expr e) {
        if (e instanceof Expr.And and) {
            checkFilter(query, schema, and.left());
            checkFilter(query, schema, and.right());
        } else if (e instanceof Expr.Or or) {
            checkFilter(query, schema, or.left());
            checkFilter(query, schema, or.right());
        } else if (e instanceof Expr.Not not) {
            checkFilter(query, schema, not.operand());
        } else if (e instanceof Expr.WindowedAggregate a) {
            checkAggregation(query, schema, a.function(), a.column().table(), a.column().column(), a.span());
        }
    }

    private static void checkAggregation(PredictiveQuery query, Schema schema, Aggregation fn, String table,
                                         String column, Span span) {
        if (fn == Aggregation.MIN || fn == Aggregation.MAX || fn == Aggregation.FIRST || fn == Aggregation.LAST) {
            SemanticType type = schema.requireTable(table).column(column).map(c -> c.type()).orElse(null);
            if (type == SemanticType.CATEGORICAL || type == SemanticType.TEXT || type == SemanticType.ID) {
                throw refused(query, span, fn + " of the " + type.yamlName() + " column " + table + "." + column
                        + " is not supported by the Spark job yet");
            }
        }
    }

    private static QueryException refused(PredictiveQuery query, Span span, String problem) {
        return QueryException.at(query.text(), span, problem, HINT);
    }
}
