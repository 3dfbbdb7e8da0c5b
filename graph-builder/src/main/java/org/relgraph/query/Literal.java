package org.relgraph.query;

/** A constant in a query: a number, a 'string' (also how dates are written) or TRUE/FALSE. */
public sealed interface Literal {
    Span span();

    String render();

    record NumberLiteral(double value, String text, Span span) implements Literal {
        @Override
        public String render() {
            return text;
        }

        /** Whether the number is whole, so it can stand for an integer id. */
        public boolean isIntegral() {
            return value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 9.0e15;
        }
    }

    record StringLiteral(String value, Span span) implements Literal {
        @Override
        public String render() {
            return "'" + value.replace("'", "''") + "'";
        }
    }

    record BooleanLiteral(boolean value, Span span) implements Literal {
        @Override
        public String render() {
            return value ? "TRUE" : "FALSE";
        }
    }
}
