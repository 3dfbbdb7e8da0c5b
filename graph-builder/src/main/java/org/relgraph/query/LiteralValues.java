package org.relgraph.query;

import java.util.OptionalLong;
import org.relgraph.schema.SemanticType;

/**
 * A query literal read as a column's values are stored: one reading for every path that compares them (the row
 * predicates, the literal checks, aggregate thresholds, and the Spark jobs), so the paths cannot disagree.
 */
public final class LiteralValues {
    private LiteralValues() {
    }

    /** The literal as the string a dictionary would hold; whole numbers without a fraction (ids stored as text). */
    public static String text(Literal value) {
        if (value instanceof Literal.StringLiteral s) {
            return s.value();
        }
        if (value instanceof Literal.NumberLiteral n && n.isIntegral()) {
            return Long.toString((long) n.value());
        }
        return value.render();
    }

    /**
     * The literal as the text an aggregate's value is looked up by ({@code FIRST/LAST(T.col) = v} of a column stored
     * as a dictionary): a string's value, else the literal as the query writes it ({@code 0042} stays "0042").
     */
    public static String written(Literal value) {
        return value instanceof Literal.StringLiteral s ? s.value() : value.render();
    }

    public static double number(Literal value) {
        if (value instanceof Literal.NumberLiteral n) {
            return n.value();
        }
        if (value instanceof Literal.BooleanLiteral b) {
            return b.value() ? 1 : 0;
        }
        throw new IllegalStateException("binder let a non-number through for a number column: " + value.render());
    }

    /** A timestamp literal as epoch ms, or an id literal as a long; empty when it cannot equal any value. */
    public static OptionalLong longValue(SemanticType type, Literal value) {
        if (value instanceof Literal.NumberLiteral n) {
            return n.isIntegral() ? OptionalLong.of((long) n.value()) : OptionalLong.empty();
        }
        if (value instanceof Literal.StringLiteral s) {
            if (type == SemanticType.TIMESTAMP) {
                return TimestampLiteral.parse(s.value());
            }
            try {
                return OptionalLong.of(Long.parseLong(s.value().trim()));
            } catch (NumberFormatException notANumber) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
