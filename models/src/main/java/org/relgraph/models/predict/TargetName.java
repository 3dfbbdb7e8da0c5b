package org.relgraph.models.predict;

import java.util.Locale;
import org.relgraph.query.Expr;
import org.relgraph.query.Literal;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.Target;

/**
 * A column name for a query's prediction, read from the query rather than hard-coded:
 * {@code BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', …)} → {@code MORTGAGE_PROPENSITY},
 * {@code SUM(TRANSACTIONS.AMOUNT, …)} → {@code PREDICTED_SUM_AMOUNT}.
 */
public final class TargetName {
    private TargetName() {
    }

    public static String of(PredictiveQuery query) {
        Target t = query.target();
        if (t instanceof Target.Bool b) {
            return propensity(subject(b.condition(), query.targetTable()));
        }
        if (t instanceof Target.Aggregate a) {
            String what = a.function().name() + (a.column().isAllRows() ? "" : "_" + a.column().column());
            return a.thresholdOpt().isPresent() ? propensity(what) : identifier("PREDICTED_" + what);
        }
        if (t instanceof Target.ArgMax a) {
            return propensity(subject(a.condition(), query.targetTable()));
        }
        return identifier("NEXT_" + query.targetTable());
    }

    /** The most specific word a condition offers: the string it compares with, else its column. */
    private static String subject(Expr condition, String fallback) {
        if (condition instanceof Expr.Comparison c && c.value() instanceof Literal.StringLiteral s) {
            return s.value();
        }
        if (condition instanceof Expr.Comparison c) {
            return c.column().column();
        }
        if (condition instanceof Expr.And and) {
            return subject(and.left(), fallback);
        }
        return fallback;
    }

    private static String propensity(String subject) {
        return identifier(subject + "_PROPENSITY");
    }

    /** Upper-case letters, digits and underscores, starting with a letter: safe in CSV, SQL and JSON. */
    static String identifier(String raw) {
        String s = raw.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_").replaceAll("^_+|_+$", "");
        return s.isEmpty() || !Character.isLetter(s.charAt(0)) ? "P_" + s : s;
    }
}
