package org.relgraph.query;

import java.util.List;
import java.util.stream.Collectors;

/** A boolean condition: target conditions (over rows of the target table) and entity filters. */
public sealed interface Expr {
    Span span();

    /** The condition as PQL text, fully parenthesised where precedence matters. */
    String render();

    record And(Expr left, Expr right) implements Expr {
        @Override
        public Span span() {
            return left.span().to(right.span());
        }

        @Override
        public String render() {
            return "(" + left.render() + " AND " + right.render() + ")";
        }
    }

    record Or(Expr left, Expr right) implements Expr {
        @Override
        public Span span() {
            return left.span().to(right.span());
        }

        @Override
        public String render() {
            return "(" + left.render() + " OR " + right.render() + ")";
        }
    }

    record Not(Expr operand, Span span) implements Expr {
        @Override
        public String render() {
            return "NOT " + operand.render();
        }
    }

    record Comparison(ColumnRef column, CompareOp op, Literal value) implements Expr {
        @Override
        public Span span() {
            return column.span().to(value.span());
        }

        @Override
        public String render() {
            return column.render() + " " + op.symbol() + " " + value.render();
        }
    }

    record In(ColumnRef column, List<Literal> values, Span span) implements Expr {
        public In {
            values = List.copyOf(values);
        }

        @Override
        public String render() {
            return column.render() + " IN (" + values.stream().map(Literal::render).collect(Collectors.joining(", "))
                    + ")";
        }
    }

    record IsNull(ColumnRef column, boolean negated, Span span) implements Expr {
        @Override
        public String render() {
            return column.render() + (negated ? " IS NOT NULL" : " IS NULL");
        }
    }
}
