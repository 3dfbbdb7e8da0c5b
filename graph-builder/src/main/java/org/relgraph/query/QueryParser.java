package org.relgraph.query;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.relgraph.query.Token.Kind;

/**
 * Recursive-descent parser for predictive queries. Grammar (keywords in any case):
 * <pre>
 * query     := PREDICT target FOR EACH column [WHERE expr] [offering]
 * target    := BOOL '(' expr ',' window ')'
 *            | agg '(' column [WHERE expr] ',' window ')' [op literal]
 *            | LIST_DISTINCT '(' column ',' window ')' RANK TOP integer
 *            | ARGMAX '(' expr [',' window] ')'
 * agg       := COUNT | SUM | AVG | MIN | MAX | COUNT_DISTINCT | FIRST | LAST
 * window    := ['-'] integer ',' ['-'] integer [',' (days | hours | months)]   -- unit defaults to days;
 *                                                 a label window may not start before the anchor
 * expr      := and (OR and)*
 * and       := not (AND not)*
 * not       := NOT not | '(' expr ')' | predicate
 * predicate := column (op literal | [NOT] IN '(' literal (',' literal)* ')' | IS [NOT] NULL)
 *            | agg '(' column [WHERE expr] ',' window ')' op literal   -- windowed aggregate, entity filters only
 * column    := name '.' (name | '*')
 * literal   := ['-'] number | 'string' | TRUE | FALSE
 * offering  := OFFERING column ['=' column] rule+      -- ARGMAX only: which actions may be recommended
 * rule      := NOT HELD column [WHERE expr]
 *            | ELIGIBLE column op column [ORDER '(' literal (',' literal)* ')']
 * </pre>
 * Every error is a {@link QueryException} pointing at the offending token.
 */
public final class QueryParser {
    /** Deeper nesting is surely a mistake, and recursion must not overflow the stack. */
    private static final int MAX_NESTING = 200;

    private final String source;
    private final List<Token> tokens;
    private int pos;
    private int depth;

    private QueryParser(String source) {
        this.source = source;
        this.tokens = new QueryLexer(source).tokenize();
    }

    public static ParsedQuery parse(String source) {
        return new QueryParser(source).query();
    }

    private ParsedQuery query() {
        expectKeyword("PREDICT", "a query starts with PREDICT, e.g. PREDICT COUNT(ORDERS.*, 0, 30, days) FOR EACH ...");
        Target target = target();
        expectKeyword("FOR", "after the target write FOR EACH TABLE.PRIMARY_KEY");
        expectKeyword("EACH", "write FOR EACH TABLE.PRIMARY_KEY");
        ColumnRef entity = column(false);
        Expr filter = null;
        if (peek().isKeyword("WHERE")) {
            pos++;
            filter = expr();
        }
        OfferRule offering = peek().isKeyword("OFFERING") ? offering() : null;
        Token end = peek();
        if (end.kind() != Kind.END) {
            throw error(end, "unexpected " + end.describe() + " after the end of the query",
                    offering != null ? "after OFFERING ... come NOT HELD ... and ELIGIBLE ... rules only"
                    : "combine filter conditions with AND / OR; anything else after FOR EACH ... is not understood");
        }
        return new ParsedQuery(source, target, entity, filter, offering);
    }

    /** {@code OFFERING column ['=' column] rule+}; see {@link OfferRule}. */
    private OfferRule offering() {
        Token head = peek();
        pos++;
        ColumnRef offer = column(false);
        ColumnRef catalog = null;
        if (peek().kind() == Kind.EQ) {
            pos++;
            catalog = column(false);
        }
        List<OfferRule.NotHeld> notHeld = new ArrayList<>();
        List<OfferRule.Eligible> eligible = new ArrayList<>();
        Span last = (catalog == null ? offer : catalog).span();
        while (true) {
            Token t = peek();
            if (t.isKeyword("NOT") && peekAt(1).isKeyword("HELD")) {
                pos += 2;
                ColumnRef held = column(false);
                Expr where = null;
                if (peek().isKeyword("WHERE")) {
                    pos++;
                    where = expr();
                }
                last = where == null ? held.span() : where.span();
                notHeld.add(new OfferRule.NotHeld(held, where, t.span().to(last)));
            } else if (t.isKeyword("ELIGIBLE")) {
                pos++;
                ColumnRef entityColumn = column(false);
                Token opToken = peek();
                CompareOp op = compareOp(opToken).orElseThrow(() -> error(opToken, "expected a comparison after "
                        + entityColumn.render() + " but found " + opToken.describe(),
                        "write ELIGIBLE ENTITY.COLUMN op CATALOG.COLUMN, e.g. CUSTOMERS.SEGMENT >= "
                                + "PRODUCT_CATALOG.ELIGIBILITY_SEGMENT ORDER ('Mass Market', 'Premier')"));
                pos++;
                ColumnRef catalogColumn = column(false);
                last = catalogColumn.span();
                List<Literal> order = new ArrayList<>();
                if (peek().isKeyword("ORDER")) {
                    pos++;
                    expect(Kind.LEFT_PAREN, "list the values lowest first: ORDER ('Bronze', 'Silver', 'Gold')");
                    order.add(literal());
                    while (peek().kind() == Kind.COMMA) {
                        pos++;
                        order.add(literal());
                    }
                    last = expect(Kind.RIGHT_PAREN, "separate ORDER values with commas and close the list with )")
                            .span();
                }
                eligible.add(new OfferRule.Eligible(entityColumn, op, catalogColumn, order, t.span().to(last)));
            } else {
                break;
            }
        }
        if (notHeld.isEmpty() && eligible.isEmpty()) {
            Token t = peek();
            throw error(t, "expected NOT HELD or ELIGIBLE after OFFERING " + offer.render()
                    + (catalog == null ? "" : " = " + catalog.render()) + " but found " + t.describe(),
                    "e.g. NOT HELD PRODUCT_HOLDINGS.PRODUCT_ID WHERE PRODUCT_HOLDINGS.STATUS = 'active'");
        }
        return new OfferRule(offer, catalog, notHeld, eligible, head.span().to(last));
    }

    private Target target() {
        Token head = peek();
        if (head.kind() != Kind.IDENTIFIER) {
            throw error(head, "expected a target but found " + head.describe(),
                    "targets are BOOL, COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, FIRST, LAST, LIST_DISTINCT, ARGMAX");
        }
        String name = head.upperText();
        if (name.equals("BOOL")) {
            pos++;
            expect(Kind.LEFT_PAREN, "write BOOL(condition, start, end, unit)");
            Expr condition = expr();
            expect(Kind.COMMA, "BOOL takes a condition then a window: BOOL(condition, 0, 30, days)");
            TimeWindow window = window(true);
            Token close = expect(Kind.RIGHT_PAREN, "close BOOL( ... ) after the window");
            return new Target.Bool(condition, window, head.span().to(close.span()));
        }
        if (name.equals("LIST_DISTINCT")) {
            pos++;
            expect(Kind.LEFT_PAREN, "write LIST_DISTINCT(TABLE.FOREIGN_KEY, start, end, unit) RANK TOP k");
            ColumnRef fk = column(false);
            expect(Kind.COMMA, "LIST_DISTINCT takes a foreign key then a window: LIST_DISTINCT(T.FK, 0, 7, days)");
            TimeWindow window = window(true);
            expect(Kind.RIGHT_PAREN, "close LIST_DISTINCT( ... ) after the window");
            expectKeyword("RANK", "a list target is ranked: add RANK TOP k, e.g. RANK TOP 10");
            expectKeyword("TOP", "write RANK TOP k, e.g. RANK TOP 10");
            Token k = expect(Kind.NUMBER, "write RANK TOP k with a whole number k, e.g. RANK TOP 10");
            int topK = (int) integer(k, false, 1, 1_000_000, "k must be a whole number from 1 to 1000000");
            return new Target.ListDistinct(fk, window, topK, head.span().to(k.span()));
        }
        if (name.equals("ARGMAX")) {
            pos++;
            expect(Kind.LEFT_PAREN, "write ARGMAX(condition) or ARGMAX(condition, start, end, unit)");
            Expr condition = expr();
            TimeWindow window = TimeWindow.ARGMAX_DEFAULT;
            if (peek().kind() == Kind.COMMA) {
                pos++;
                window = window(true);
            }
            Token close = expect(Kind.RIGHT_PAREN, "close ARGMAX( ... )");
            return new Target.ArgMax(condition, window, head.span().to(close.span()));
        }
        Optional<Aggregation> aggregation = Aggregation.parse(name);
        if (aggregation.isEmpty()) {
            throw error(head, "unknown target " + head.describe(),
                    "targets are BOOL, COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, FIRST, LAST, LIST_DISTINCT, ARGMAX"
                            + DidYouMean.suffix(head.text(), List.of("BOOL", "COUNT", "SUM", "AVG", "MIN", "MAX",
                            "COUNT_DISTINCT", "FIRST", "LAST", "LIST_DISTINCT", "ARGMAX")));
        }
        pos++;
        AggregateCall call = aggregateCall(head, name, true);
        Target.Threshold threshold = null;
        Span span = call.span;
        Optional<CompareOp> op = compareOp(peek());
        if (op.isPresent()) {
            pos++;
            Literal value = literal();
            threshold = new Target.Threshold(op.get(), value);
            span = span.to(value.span());
        }
        return new Target.Aggregate(aggregation.get(), call.column, call.where, call.window, threshold, span);
    }

    private record AggregateCall(ColumnRef column, Expr where, TimeWindow window, Span span) {
    }

    /** {@code '(' column [WHERE expr] ',' window ')'} after an aggregation's name {@code head}. */
    private AggregateCall aggregateCall(Token head, String name, boolean labelWindow) {
        expect(Kind.LEFT_PAREN, "write " + name + "(TABLE.COLUMN, start, end, unit)");
        ColumnRef column = column(true);
        Expr where = null;
        if (peek().isKeyword("WHERE")) {
            pos++;
            where = expr();
        }
        expect(Kind.COMMA, "an aggregation takes a column then a window: " + name + "(T.C, 0, 30, days)");
        TimeWindow window = window(labelWindow);
        Token close = expect(Kind.RIGHT_PAREN, "close " + name + "( ... ) after the window");
        return new AggregateCall(column, where, window, head.span().to(close.span()));
    }

    /**
     * A label window must start at or after the anchor; a window in a filter's aggregate may start before it
     * (that is how it reads history).
     */
    private TimeWindow window(boolean labelWindow) {
        Token startToken = peek();
        long start = signedInteger("a window is start, end[, unit] in whole units, e.g. 0, 30, days");
        expect(Kind.COMMA, "a window is start, end[, unit], e.g. 0, 30, days");
        long end = signedInteger("a window is start, end[, unit] in whole units, e.g. 0, 30, days");
        if (labelWindow && start < 0) {
            // A window reaching before the anchor would put label rows among the rows the model sees as history.
            throw error(startToken, "window start " + start + " lies before the anchor time",
                    "a label window looks ahead: start at 0 or later, e.g. 0, 30, days");
        }
        if (end <= start) {
            throw QueryException.at(source, startToken.span().to(tokens.get(pos - 1).span()),
                    "window end " + end + " must be after its start " + start,
                    "write start, end with end > start, e.g. " + start + ", " + (start + 30));
        }
        WindowUnit unit = WindowUnit.DAYS;
        if (peek().kind() == Kind.COMMA) {
            pos++;
            Token u = peek();
            Optional<WindowUnit> parsed = u.kind() == Kind.IDENTIFIER ? WindowUnit.parse(u.text()) : Optional.empty();
            if (parsed.isEmpty()) {
                throw error(u, "expected a time unit but found " + u.describe(),
                        "units are days, hours, months" + (u.kind() == Kind.IDENTIFIER
                                ? DidYouMean.suffix(u.text(), List.of("days", "hours", "months")) : ""));
            }
            pos++;
            unit = parsed.get();
        }
        return new TimeWindow(start, end, unit);
    }

    private long signedInteger(String hint) {
        boolean negative = false;
        if (peek().kind() == Kind.MINUS) {
            negative = true;
            pos++;
        }
        Token t = expect(Kind.NUMBER, hint);
        return integer(t, negative, -1_000_000, 1_000_000, hint);
    }

    private long integer(Token t, boolean negative, long min, long max, String hint) {
        if (!t.text().chars().allMatch(Character::isDigit)) {
            throw error(t, "expected a whole number but found " + t.describe(), hint);
        }
        long value;
        try {
            value = Long.parseLong(t.text());
        } catch (NumberFormatException tooLong) {
            value = Long.MAX_VALUE;
        }
        value = negative ? -value : value;
        if (value < min || value > max) {
            throw error(t, "number " + (negative ? "-" : "") + t.text() + " is out of range", hint);
        }
        return value;
    }

    private Expr expr() {
        if (++depth > MAX_NESTING) {
            throw error(peek(), "condition nested too deeply", "use at most " + MAX_NESTING + " levels of parentheses");
        }
        Expr left = and();
        while (peek().isKeyword("OR")) {
            pos++;
            left = new Expr.Or(left, and());
        }
        depth--;
        return left;
    }

    private Expr and() {
        Expr left = not();
        while (peek().isKeyword("AND")) {
            pos++;
            left = new Expr.And(left, not());
        }
        return left;
    }

    private Expr not() {
        Token t = peek();
        if (t.isKeyword("NOT")) {
            if (++depth > MAX_NESTING) {
                throw error(t, "condition nested too deeply", "use at most " + MAX_NESTING + " NOTs in a row");
            }
            pos++;
            Expr operand = not();
            depth--;
            return new Expr.Not(operand, t.span().to(operand.span()));
        }
        if (t.kind() == Kind.LEFT_PAREN) {
            pos++;
            Expr inner = expr();
            expect(Kind.RIGHT_PAREN, "close the parenthesis opened at column " + columnNumber(t));
            return inner;
        }
        return predicate();
    }

    private Expr predicate() {
        Token head = peek();
        if (head.kind() == Kind.IDENTIFIER && peekAt(1).kind() == Kind.LEFT_PAREN) {
            return windowedAggregate(head);
        }
        ColumnRef column = column(false);
        Token t = peek();
        Optional<CompareOp> op = compareOp(t);
        if (op.isPresent()) {
            pos++;
            return new Expr.Comparison(column, op.get(), literal());
        }
        if (t.isKeyword("IS")) {
            pos++;
            boolean negated = false;
            if (peek().isKeyword("NOT")) {
                pos++;
                negated = true;
            }
            Token nul = expectKeyword("NULL", "write IS NULL or IS NOT NULL");
            return new Expr.IsNull(column, negated, column.span().to(nul.span()));
        }
        boolean negated = false;
        if (t.isKeyword("NOT") && peekAt(1).isKeyword("IN")) {
            pos++;
            negated = true;
        }
        if (peek().isKeyword("IN")) {
            pos++;
            expect(Kind.LEFT_PAREN, "write IN ('a', 'b')");
            List<Literal> values = new ArrayList<>();
            values.add(literal());
            while (peek().kind() == Kind.COMMA) {
                pos++;
                values.add(literal());
            }
            Token close = expect(Kind.RIGHT_PAREN, "separate IN values with commas and close the list with )");
            Expr in = new Expr.In(column, values, column.span().to(close.span()));
            return negated ? new Expr.Not(in, in.span()) : in;
        }
        throw error(t, "expected a comparison after " + column.render() + " but found " + t.describe(),
                "compare with = != < <= > >=, or use IN (...), IS NULL, IS NOT NULL");
    }

    private Expr windowedAggregate(Token head) {
        Optional<Aggregation> fn = Aggregation.parse(head.text());
        if (fn.isEmpty()) {
            throw error(head, head.text() + "( ... ) is not a condition",
                    "a condition is TABLE.COLUMN compared with a value, or an aggregate over a window compared "
                            + "with a value, e.g. COUNT(ORDERS.*, -30, 0, days) > 0" + DidYouMean.suffix(head.text(),
                            List.of("COUNT", "SUM", "AVG", "MIN", "MAX", "COUNT_DISTINCT", "FIRST", "LAST")));
        }
        pos++;
        AggregateCall call = aggregateCall(head, head.upperText(), false);
        Token t = peek();
        Optional<CompareOp> op = compareOp(t);
        if (op.isEmpty()) {
            throw error(t, "expected a comparison after " + head.upperText() + "( ... ) but found " + t.describe(),
                    "an aggregate in a condition is compared with a value, e.g. " + head.upperText()
                            + "( ... ) > 0");
        }
        pos++;
        Literal value = literal();
        return new Expr.WindowedAggregate(fn.get(), call.column, call.where, call.window, op.get(), value,
                call.span.to(value.span()));
    }

    private Literal literal() {
        Token t = peek();
        if (t.kind() == Kind.MINUS) {
            pos++;
            Token n = expect(Kind.NUMBER, "a minus sign must be followed by a number");
            return number(n.text(), true, t.span().to(n.span()));
        }
        if (t.kind() == Kind.NUMBER) {
            pos++;
            return number(t.text(), false, t.span());
        }
        if (t.kind() == Kind.STRING) {
            pos++;
            return new Literal.StringLiteral(t.text(), t.span());
        }
        if (t.isKeyword("TRUE") || t.isKeyword("FALSE")) {
            pos++;
            return new Literal.BooleanLiteral(t.isKeyword("TRUE"), t.span());
        }
        if (t.isKeyword("NULL")) {
            throw error(t, "cannot compare with NULL", "test for missing values with IS NULL or IS NOT NULL");
        }
        if (t.kind() == Kind.IDENTIFIER || t.kind() == Kind.QUOTED_IDENTIFIER) {
            throw error(t, "expected a value but found " + t.describe(),
                    "put text values in single quotes: '" + t.text().replace("'", "''") + "'");
        }
        throw error(t, "expected a value but found " + t.describe(), "values are numbers, 'strings', TRUE or FALSE");
    }

    private ColumnRef column(boolean allowStar) {
        Token table = name("a column reference TABLE.COLUMN");
        Token dot = peek();
        if (dot.kind() != Kind.DOT) {
            throw error(dot, "expected '.' after table " + table.text() + " but found " + dot.describe(),
                    "columns are written TABLE.COLUMN");
        }
        pos++;
        Token col = peek();
        if (col.kind() == Kind.STAR) {
            if (!allowStar) {
                throw error(col, "'" + table.text() + ".*' is only allowed inside an aggregation",
                        "name a column, e.g. " + table.text() + ".ID");
            }
            pos++;
            return new ColumnRef(table.text(), ColumnRef.ALL_ROWS, table.span(), col.span());
        }
        Token column = name("a column name after '" + table.text() + ".'");
        return new ColumnRef(table.text(), column.text(), table.span(), column.span());
    }

    private Token name(String what) {
        Token t = peek();
        if (t.kind() == Kind.IDENTIFIER || t.kind() == Kind.QUOTED_IDENTIFIER) {
            pos++;
            return t;
        }
        throw error(t, "expected " + what + " but found " + t.describe(),
                "write names as TABLE.COLUMN; quote names with spaces: \"my col\"");
    }

    /** A lexed number; the lexer only lets through digits, one dot and an exponent, so BigDecimal accepts it. */
    private static Literal.NumberLiteral number(String text, boolean negative, Span span) {
        double v = new BigDecimal(text).doubleValue();
        return new Literal.NumberLiteral(negative ? -v : v, negative ? "-" + text : text, span);
    }

    private static Optional<CompareOp> compareOp(Token t) {
        return Optional.ofNullable(switch (t.kind()) {
            case EQ -> CompareOp.EQ;
            case NE -> CompareOp.NE;
            case LT -> CompareOp.LT;
            case LE -> CompareOp.LE;
            case GT -> CompareOp.GT;
            case GE -> CompareOp.GE;
            default -> null;
        });
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token expect(Kind kind, String hint) {
        Token t = peek();
        if (t.kind() != kind) {
            throw error(t, "expected " + describe(kind) + " but found " + t.describe(), hint);
        }
        pos++;
        return t;
    }

    private Token expectKeyword(String keyword, String hint) {
        Token t = peek();
        if (!t.isKeyword(keyword)) {
            throw error(t, "expected " + keyword + " but found " + t.describe(), hint);
        }
        pos++;
        return t;
    }

    private int columnNumber(Token t) {
        return t.span().offset() - source.lastIndexOf('\n', t.span().offset() - 1);
    }

    private static String describe(Kind kind) {
        return switch (kind) {
            case LEFT_PAREN -> "'('";
            case RIGHT_PAREN -> "')'";
            case COMMA -> "','";
            case DOT -> "'.'";
            case NUMBER -> "a number";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private QueryException error(Token t, String problem, String hint) {
        if (t.kind() == Kind.END) {
            problem = "unexpected end of input: " + problem.replace(" but found end of input", "");
        }
        return QueryException.at(source, t.span(), problem, hint);
    }
}
