package org.relgraph.query;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A boolean condition: target conditions (over rows of the target table) and entity filters. Only entity
 * filters may hold a {@link WindowedAggregate}; the binder rejects one inside a row condition.
 */
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

    /**
     * {@code AGG(table.col [WHERE cond], start, end[, unit]) op literal}: the entity's rows of {@code table} with
     * time in {@code (t + start, t + end]}, aggregated and compared. Meaning on {@link PredictiveQuery}.
     *
     * @param where rows of the table to aggregate, or null for all
     */
    record WindowedAggregate(Aggregation function, ColumnRef column, Expr where, TimeWindow window, CompareOp op,
                             Literal value, Span span) implements Expr {
        public Optional<Expr> whereOpt() {
            return Optional.ofNullable(where);
        }

        /** Whether the window reaches past the anchor, which makes the condition a population condition. */
        public boolean readsAfterAnchor() {
            return window.end() > 0;
        }

        @Override
        public String render() {
            return function + "(" + column.render() + (where == null ? "" : " WHERE " + where.render()) + ", "
                    + window.render() + ") " + op.symbol() + " " + value.render();
        }
    }
}
