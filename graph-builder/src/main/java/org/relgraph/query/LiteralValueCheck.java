package org.relgraph.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.relgraph.schema.SemanticType;
import org.relgraph.table.CategoricalColumn;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;

/**
 * Checks a bound query's literals against the values its columns actually hold. A comparison ({@code =},
 * {@code !=}, {@code IN}) with a value no row holds is constant: {@code BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortage',
 * ...)} is false for every row, every label is 0, and a model trained on it is useless. Comparisons are exact and
 * case-sensitive ({@link RowPredicateCompiler} looks the literal up in the column's dictionary), so
 * {@code 'mortgage'} never matches {@code 'Mortgage'} either.
 * <ul>
 *   <li>A column with at most {@link #LOW_CARDINALITY} distinct values (products, segments, channels, statuses,
 *       small id sets): an absent value is almost surely a typo, so it is a {@link QueryException} with a caret
 *       under the literal and the closest value the column holds.</li>
 *   <li>A column with more (names, ids, free text): a value may legitimately not occur (a test account filtered out
 *       defensively, an id from another system), so it is a warning, returned for the caller to print.</li>
 * </ul>
 * Categorical, text and id columns are checked, including the value a FIRST/LAST aggregate is compared with;
 * numbers and dates compared with a column are thresholds, not values that must occur, and are not checked. The
 * whole table is searched, whatever the time of the rows.
 */
public final class LiteralValueCheck {
    /** Columns with at most this many distinct values get an error for an absent value, others a warning. */
    public static final int LOW_CARDINALITY = 100;
    private static final int LISTED_VALUES = 10;

    private final Function<ColumnRef, ColumnValues> lookup;
    private final String source;
    private final List<String> warnings = new ArrayList<>();
    private final Map<String, ColumnValues> values = new HashMap<>();

    private LiteralValueCheck(Function<ColumnRef, ColumnValues> lookup, PredictiveQuery query) {
        this.lookup = lookup;
        this.source = query.text();
    }

    /**
     * Checks every literal of {@code query} that must occur in {@code db}.
     *
     * @return one line per absent value in a high-cardinality column, with its position in the query
     * @throws QueryException for the first absent value in a low-cardinality column
     */
    public static List<String> check(PredictiveQuery query, Database db) {
        return check(query, ref -> ColumnValues.of(db, ref));
    }

    /**
     * Checks every literal of {@code query} against the values {@code lookup} reports, for data not loaded into a
     * {@link Database} (the Spark jobs read the values with a distinct query per compared column).
     *
     * @param lookup the values of a referenced column, or null when its literals are not checked (numbers, dates)
     * @return one line per absent value in a high-cardinality column, with its position in the query
     * @throws QueryException for the first absent value in a low-cardinality column
     */
    public static List<String> check(PredictiveQuery query, Function<ColumnRef, ColumnValues> lookup) {
        LiteralValueCheck check = new LiteralValueCheck(lookup, query);
        check.target(query.target());
        query.filter().ifPresent(check::expr);
        return List.copyOf(check.warnings);
    }

    private void target(Target target) {
        if (target instanceof Target.Bool b) {
            expr(b.condition());
        } else if (target instanceof Target.ArgMax a) {
            expr(a.condition());
        } else if (target instanceof Target.Aggregate a) {
            if (a.where() != null) {
                expr(a.where());
            }
            if (a.threshold() != null) {
                aggregateValue(a.function(), a.column(), a.threshold().op(), a.threshold().value());
            }
        }
    }

    private void expr(Expr e) {
        if (e instanceof Expr.And and) {
            expr(and.left());
            expr(and.right());
        } else if (e instanceof Expr.Or or) {
            expr(or.left());
            expr(or.right());
        } else if (e instanceof Expr.Not not) {
            expr(not.operand());
        } else if (e instanceof Expr.Comparison c) {
            if (!c.op().isOrdering()) {
                literal(c.column(), c.op(), c.value());
            }
        } else if (e instanceof Expr.In in) {
            for (Literal v : in.values()) {
                literal(in.column(), CompareOp.EQ, v);
            }
        } else if (e instanceof Expr.WindowedAggregate a) {
            if (a.where() != null) {
                expr(a.where());
            }
            aggregateValue(a.function(), a.column(), a.op(), a.value());
        }
    }

    /** FIRST and LAST return a value of the column, so {@code LAST(T.status, ...) = 'closed'} is a value test. */
    private void aggregateValue(Aggregation fn, ColumnRef column, CompareOp op, Literal value) {
        if ((fn == Aggregation.FIRST || fn == Aggregation.LAST) && !column.isAllRows() && !op.isOrdering()) {
            literal(column, op, value);
        }
    }

    private void literal(ColumnRef ref, CompareOp op, Literal literal) {
        ColumnValues v = values(ref);
        if (v == null || v.holds(literal)) {
            return;
        }
        String shown = literal.render();
        String effect = op == CompareOp.NE ? "the comparison is true for every row with a value"
                : "the comparison never matches";
        String count = v.distinct() > LOW_CARDINALITY && !v.textual() ? "over " + LOW_CARDINALITY
                : String.format(Locale.ROOT, "%,d", v.distinct());
        String problem = "value " + shown + " never occurs in " + ref.render() + " (" + count + " distinct values), "
                + "so " + effect;
        String hint = suggestion(literal, v);
        QueryException located = QueryException.at(source, literal.span(), problem, hint);
        if (v.distinct() <= LOW_CARDINALITY) {
            throw located;
        }
        warnings.add(problem + " (line " + located.line() + ", column " + located.column() + ")"
                + (hint == null ? "" : "; " + hint));
    }

    private static String suggestion(Literal literal, ColumnValues v) {
        String written = LiteralValues.text(literal);
        // Edit distance suggests names, not numbers: id 7 is not a typo of id 1.
        Optional<String> closest = v.textual() ? DidYouMean.closest(written, v.texts()) : Optional.empty();
        if (closest.isPresent()) {
            String c = closest.get();
            return c.equalsIgnoreCase(written)
                    ? "values are compared exactly, case included: did you mean '" + c + "'?"
                    : "did you mean '" + c + "'? (values are compared exactly, case included)";
        }
        if (v.distinct() == 0) {
            return "the column holds no values";
        }
        List<String> shown = v.texts().stream().map(s -> v.textual() ? "'" + s + "'" : s).toList();
        if (v.distinct() <= LISTED_VALUES) {
            return "its values: " + String.join(", ", shown);
        }
        return v.distinct() <= LOW_CARDINALITY ? "e.g. " + String.join(", ", shown.subList(0, LISTED_VALUES)) : null;
    }

    /** The values a column holds, or null when its literals are not checked (numbers, dates). */
    private ColumnValues values(ColumnRef ref) {
        if (ref.isAllRows()) {
            return null;
        }
        String key = ref.table() + "." + ref.column();
        if (values.containsKey(key)) {
            return values.get(key);
        }
        ColumnValues v = lookup.apply(ref);
        values.put(key, v);
        return v;
    }

    /** The distinct non-null values of a column, and how a literal is matched against them. */
    public interface ColumnValues {
        boolean holds(Literal literal);

        /**
         * The number of distinct values; for ids, {@code LOW_CARDINALITY + 1} stands for any number above. Asked
         * only when a literal is absent, so a source may count lazily.
         */
        int distinct();

        /** The values as text, sorted, for suggestions (may be empty for a many-valued column: no suggestion). */
        List<String> texts();

        /** Whether the values are text, where a near miss is a typo worth suggesting. */
        boolean textual();

        /** The values of a loaded column: text columns and integer ids are checked, others (null) are not. */
        static ColumnValues of(Database db, ColumnRef ref) {
            Column column = db.table(ref.table()).requireColumn(ref.column());
            if (column instanceof CategoricalColumn c) {
                return of(c);
            }
            if (column instanceof LongColumn l && l.type() == SemanticType.ID) {
                return of(l);
            }
            return null;
        }

        static ColumnValues of(CategoricalColumn column) {
            boolean[] present = new boolean[column.cardinality()];
            for (int code : column.codes()) {
                if (code != CategoricalColumn.NULL_CODE) {
                    present[code] = true;
                }
            }
            Set<String> held = new HashSet<>();
            for (int code = 0; code < present.length; code++) {
                if (present[code]) {
                    held.add(column.dictionary().get(code));
                }
            }
            List<String> sorted = List.copyOf(new TreeSet<>(held));
            return new ColumnValues() {
                @Override
                public boolean holds(Literal literal) {
                    return held.contains(LiteralValues.text(literal));
                }

                @Override
                public int distinct() {
                    return held.size();
                }

                @Override
                public List<String> texts() {
                    return sorted;
                }

                @Override
                public boolean textual() {
                    return true;
                }
            };
        }

        /**
         * Integer ids: distinct values are counted only up to {@code LOW_CARDINALITY + 1} and a literal is found by
         * a scan, so a key column of millions of rows costs no boxed set.
         */
        static ColumnValues of(LongColumn column) {
            Set<Long> few = new HashSet<>();
            for (int r = 0; r < column.size() && few.size() <= LOW_CARDINALITY; r++) {
                if (!column.isNull(r)) {
                    few.add(column.get(r));
                }
            }
            List<String> sorted = new TreeSet<>(few).stream().map(String::valueOf).toList();
            return new ColumnValues() {
                @Override
                public boolean holds(Literal literal) {
                    OptionalLong v = LiteralValues.longValue(column.type(), literal);
                    if (v.isEmpty()) {
                        return false;
                    }
                    long x = v.getAsLong();
                    long[] values = column.values();
                    for (int r = 0; r < values.length; r++) {
                        if (values[r] == x && !column.isNull(r)) {
                            return true;
                        }
                    }
                    return false;
                }

                @Override
                public int distinct() {
                    return few.size();
                }

                @Override
                public List<String> texts() {
                    return sorted;
                }

                @Override
                public boolean textual() {
                    return false;
                }
            };
        }
    }
}
