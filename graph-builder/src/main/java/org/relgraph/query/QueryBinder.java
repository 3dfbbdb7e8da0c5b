package org.relgraph.query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SemanticType;
import org.relgraph.schema.TableSchema;

/**
 * Checks a {@link ParsedQuery} against a {@link Schema}: resolves names (with did-you-mean suggestions), checks
 * value and aggregation types, finds the foreign key linking the target and filter tables to the entity table,
 * and infers the task type. Rewrites names to their schema spelling so later stages can match them exactly.
 */
final class QueryBinder {
    private final Schema schema;
    private String source;
    private TableSchema entity;
    private final Map<String, ForeignKey> filterLinks = new LinkedHashMap<>();

    QueryBinder(Schema schema) {
        this.schema = schema;
    }

    PredictiveQuery bind(ParsedQuery query) {
        source = query.text();
        entity = table(query.entity());
        ColumnSchema key = column(entity, query.entity());
        if (entity.primaryKey() == null) {
            throw error(query.entity().tableSpan(), "table " + entity.name() + " has no primary key",
                    "FOR EACH needs a table with a primary key; declare primary_key for " + entity.name());
        }
        if (!key.name().equalsIgnoreCase(entity.primaryKey())) {
            throw error(query.entity().columnSpan(), "FOR EACH must name the primary key of " + entity.name()
                    + ", not " + key.name(), "write FOR EACH " + entity.name() + "." + entity.primaryKey());
        }
        ColumnRef entityRef = query.entity().renamed(entity.name(), entity.primaryKey());

        BoundTarget bound = bindTarget(query.target());
        Expr filter = query.filter() == null ? null : bindFilter(query.filter());
        ParsedQuery canonical = new ParsedQuery(query.text(), bound.target, entityRef, filter);
        return new PredictiveQuery(canonical, entity.name(), entity.primaryKey(), bound.table.name(), bound.link,
                filterLinks, bound.taskType);
    }

    private record BoundTarget(Target target, TableSchema table, ForeignKey link, TaskType taskType) {
    }

    private BoundTarget bindTarget(Target target) {
        if (target instanceof Target.Bool b) {
            ColumnRef first = firstColumn(b.condition());
            TableSchema table = targetTable(first);
            Expr condition = bindRowCondition(b.condition(), table, "a BOOL condition");
            return new BoundTarget(new Target.Bool(condition, b.window(), b.span()), table, link(table, first),
                    TaskType.BINARY);
        }
        if (target instanceof Target.ArgMax a) {
            ColumnRef first = firstColumn(a.condition());
            TableSchema table = targetTable(first);
            Expr condition = bindRowCondition(a.condition(), table, "an ARGMAX condition");
            return new BoundTarget(new Target.ArgMax(condition, a.window(), a.span()), table, link(table, first),
                    TaskType.RANKING);
        }
        if (target instanceof Target.ListDistinct l) {
            TableSchema table = targetTable(l.foreignKey());
            ColumnSchema column = column(table, l.foreignKey());
            boolean isForeignKey = table.foreignKeys().stream()
                    .anyMatch(fk -> fk.column().equalsIgnoreCase(column.name()));
            if (!isForeignKey) {
                List<String> fks = table.foreignKeys().stream().map(ForeignKey::column).toList();
                throw error(l.foreignKey().columnSpan(), "LIST_DISTINCT needs a foreign key, and "
                                + table.name() + "." + column.name() + " is not one",
                        fks.isEmpty() ? "table " + table.name() + " has no foreign keys"
                                : "foreign keys of " + table.name() + ": " + String.join(", ", fks));
            }
            ColumnRef ref = l.foreignKey().renamed(table.name(), column.name());
            return new BoundTarget(new Target.ListDistinct(ref, l.window(), l.topK(), l.span()), table,
                    link(table, l.foreignKey()), TaskType.RANKING);
        }
        return bindAggregate((Target.Aggregate) target);
    }

    private BoundTarget bindAggregate(Target.Aggregate a) {
        TableSchema table = targetTable(a.column());
        Aggregation fn = a.function();
        AggregatedColumn aggregated = aggregatedColumn(fn, a.column(), table);
        ColumnRef columnRef = aggregated.ref;
        SemanticType type = aggregated.type;
        Expr where = a.where() == null ? null : bindRowCondition(a.where(), table, "an aggregation's WHERE");
        SemanticType resultType = resultType(fn, type);
        Target.Threshold threshold = a.threshold();
        if (threshold != null) {
            checkValue(fn + "(" + columnRef.render() + ")", resultType, threshold.op(), threshold.value());
        }
        TaskType task = threshold != null ? TaskType.BINARY : switch (resultType) {
            case NUMERICAL, TIMESTAMP -> TaskType.REGRESSION;
            case BOOLEAN -> TaskType.BINARY;
            case CATEGORICAL, TEXT, ID -> TaskType.MULTICLASS;
        };
        Target bound = new Target.Aggregate(fn, columnRef, where, a.window(), threshold, a.span());
        return new BoundTarget(bound, table, link(table, a.column()), task);
    }

    private void checkAggregation(Aggregation fn, ColumnSchema column, TableSchema table, Span span) {
        SemanticType t = column.type();
        boolean ok = switch (fn) {
            case COUNT, COUNT_DISTINCT, FIRST, LAST -> true;
            case SUM, AVG -> t == SemanticType.NUMERICAL || t == SemanticType.BOOLEAN;
            case MIN, MAX -> t == SemanticType.NUMERICAL || t == SemanticType.BOOLEAN || t == SemanticType.TIMESTAMP;
        };
        if (!ok) {
            String accepts = fn == Aggregation.SUM || fn == Aggregation.AVG ? "numerical or boolean columns"
                    : "numerical, boolean or timestamp columns";
            throw error(span, "cannot take " + fn + " of " + t.yamlName() + " column " + table.name() + "."
                    + column.name(), fn + " takes " + accepts + "; for categories try COUNT_DISTINCT, FIRST or LAST");
        }
    }

    /** The type of the aggregate's value, which a threshold is compared with. */
    private static SemanticType resultType(Aggregation fn, SemanticType columnType) {
        return switch (fn) {
            case COUNT, COUNT_DISTINCT, SUM, AVG -> SemanticType.NUMERICAL;
            case MIN, MAX, FIRST, LAST -> columnType;
        };
    }

    /** The table a target reads, which must have row times for a window to mean anything. */
    private TableSchema targetTable(ColumnRef ref) {
        TableSchema table = table(ref);
        if (table.isTimeless()) {
            throw error(ref.tableSpan(), "target table " + table.name() + " has no time column",
                    "a label window needs row times: " + waysToDate(table));
        }
        return table;
    }

    /** How a user gives a timeless table a time in schema.yaml, naming the foreign key when one fits. */
    private String waysToDate(TableSchema table) {
        List<ForeignKey> timed = schema.keysToTimedParents(table.name());
        String inherit = timed.size() == 1 ? "time_from: " + timed.get(0).column() + " to take the time of its "
                + timed.get(0).referencedTable() + " row" : timed.isEmpty() ? "time_from: FOREIGN_KEY to take a "
                + "dated parent row's time" : "time_from: one of " + String.join(", ", timed.stream()
                .map(ForeignKey::column).toList()) + " to take that parent row's time";
        return "give " + table.name() + " a time in schema.yaml: time_column: COLUMN, or " + inherit
                + " (docs/data-sources.md)";
    }

    /** The foreign key from {@code table} into the entity table, or null when it is the entity table. */
    private ForeignKey link(TableSchema table, ColumnRef at) {
        if (table.name().equalsIgnoreCase(entity.name())) {
            return null;
        }
        List<ForeignKey> links = table.foreignKeys().stream()
                .filter(fk -> fk.referencedTable().equalsIgnoreCase(entity.name())).toList();
        if (links.size() == 1) {
            return links.get(0);
        }
        if (links.isEmpty()) {
            List<String> linked = schema.foreignKeysInto(entity.name()).stream().map(ForeignKey::table)
                    .distinct().toList();
            throw error(at.tableSpan(), "table " + table.name() + " is not linked to the entity table "
                            + entity.name(),
                    "a target or filter table must be " + entity.name() + " or hold a foreign key to it (paths "
                            + "through another table are not supported yet)" + (linked.isEmpty() ? ""
                            : "; tables linked to " + entity.name() + ": " + String.join(", ", linked)));
        }
        throw error(at.tableSpan(), "table " + table.name() + " has " + links.size() + " foreign keys to "
                        + entity.name() + " (" + String.join(", ", links.stream().map(ForeignKey::column).toList())
                        + "), so which rows belong to an entity is ambiguous",
                "queries over a table with several keys to the entity table are not supported yet");
    }

    private Expr bindRowCondition(Expr e, TableSchema table, String what) {
        return bindExpr(e, false, ref -> {
            TableSchema t = table(ref);
            if (!t.name().equalsIgnoreCase(table.name())) {
                throw error(ref.tableSpan(), what + " must use columns of one table, " + table.name()
                        + ", but this column is in " + t.name(), "split the condition, or move it to the WHERE "
                        + "after FOR EACH if it filters entities");
            }
            return t;
        });
    }

    private Expr bindFilter(Expr e) {
        return bindExpr(e, true, ref -> {
            TableSchema t = table(ref);
            ForeignKey fk = link(t, ref);
            if (fk != null) {
                filterLinks.put(t.name(), fk);
            }
            return t;
        });
    }

    private interface TableScope {
        TableSchema resolve(ColumnRef ref);
    }

    /** @param isFilter whether {@code e} is the entity filter, the one place windowed aggregates may appear */
    private Expr bindExpr(Expr e, boolean isFilter, TableScope scope) {
        if (e instanceof Expr.And and) {
            return new Expr.And(bindExpr(and.left(), isFilter, scope), bindExpr(and.right(), isFilter, scope));
        }
        if (e instanceof Expr.Or or) {
            return new Expr.Or(bindExpr(or.left(), isFilter, scope), bindExpr(or.right(), isFilter, scope));
        }
        if (e instanceof Expr.Not not) {
            return new Expr.Not(bindExpr(not.operand(), isFilter, scope), not.span());
        }
        if (e instanceof Expr.WindowedAggregate a) {
            if (!isFilter) {
                throw error(a.span(), "an aggregate over a window cannot be part of a row condition",
                        "a row condition tests one row; move " + a.function() + "( ... ) to the WHERE after "
                                + "FOR EACH, where it filters entities");
            }
            return bindWindowedAggregate(a);
        }
        if (e instanceof Expr.Comparison c) {
            ResolvedColumn r = resolve(c.column(), scope);
            checkValue("column " + r.ref.render(), r.column.type(), c.op(), c.value());
            return new Expr.Comparison(r.ref, c.op(), c.value());
        }
        if (e instanceof Expr.In in) {
            ResolvedColumn r = resolve(in.column(), scope);
            for (Literal v : in.values()) {
                checkValue("column " + r.ref.render(), r.column.type(), CompareOp.EQ, v);
            }
            return new Expr.In(r.ref, in.values(), in.span());
        }
        Expr.IsNull n = (Expr.IsNull) e;
        return new Expr.IsNull(resolve(n.column(), scope).ref, n.negated(), n.span());
    }

    /** Same checks as an aggregation target, plus a linked, timed table. */
    private Expr bindWindowedAggregate(Expr.WindowedAggregate a) {
        TableSchema table = table(a.column());
        if (table.isTimeless()) {
            throw error(a.column().tableSpan(), "table " + table.name() + " has no time column, so "
                            + a.function() + " over a window of it means nothing",
                    waysToDate(table) + "; or test " + table.name() + "'s columns directly");
        }
        ForeignKey fk = link(table, a.column());
        if (fk != null) {
            filterLinks.put(table.name(), fk);
        }
        AggregatedColumn aggregated = aggregatedColumn(a.function(), a.column(), table);
        Expr where = a.where() == null ? null : bindRowCondition(a.where(), table, "an aggregation's WHERE");
        checkValue(a.function() + "(" + aggregated.ref.render() + ")", resultType(a.function(), aggregated.type),
                a.op(), a.value());
        return new Expr.WindowedAggregate(a.function(), aggregated.ref, where, a.window(), a.op(), a.value(),
                a.span());
    }

    /** @param type the column's type, null for {@code TABLE.*} */
    private record AggregatedColumn(ColumnRef ref, SemanticType type) {
    }

    /** Resolves the column an aggregation reads and checks the aggregation can take it. */
    private AggregatedColumn aggregatedColumn(Aggregation fn, ColumnRef ref, TableSchema table) {
        if (ref.isAllRows()) {
            if (fn != Aggregation.COUNT) {
                throw error(ref.columnSpan(), fn + " needs a column, not " + table.name() + ".*",
                        "only COUNT takes TABLE.*; name a column: " + fn + "(" + table.name() + ".COLUMN, ...)");
            }
            return new AggregatedColumn(ref.renamed(table.name(), ColumnRef.ALL_ROWS), null);
        }
        ColumnSchema column = column(table, ref);
        checkAggregation(fn, column, table, ref.columnSpan());
        return new AggregatedColumn(ref.renamed(table.name(), column.name()), column.type());
    }

    private record ResolvedColumn(ColumnRef ref, ColumnSchema column) {
    }

    private ResolvedColumn resolve(ColumnRef ref, TableScope scope) {
        TableSchema table = scope.resolve(ref);
        ColumnSchema column = column(table, ref);
        return new ResolvedColumn(ref.renamed(table.name(), column.name()), column);
    }

    /** Whether {@code value} can be compared with a value of {@code type} by {@code op}; {@code what} names it. */
    private void checkValue(String what, SemanticType type, CompareOp op, Literal value) {
        String typeName = type.yamlName();
        switch (type) {
            case NUMERICAL -> {
                if (!(value instanceof Literal.NumberLiteral)) {
                    throw error(value.span(), "cannot compare numerical " + what + " with " + describe(value),
                            value instanceof Literal.StringLiteral s && isNumber(s.value())
                                    ? "drop the quotes: " + s.value() : "write a number, e.g. > 0");
                }
            }
            case BOOLEAN -> {
                boolean ok = value instanceof Literal.BooleanLiteral
                        || value instanceof Literal.NumberLiteral n && (n.value() == 0 || n.value() == 1);
                if (!ok) {
                    throw error(value.span(), "cannot compare boolean " + what + " with " + describe(value),
                            "write TRUE or FALSE");
                }
                requireEquality(what, typeName, op, value);
            }
            case CATEGORICAL, TEXT -> {
                if (!(value instanceof Literal.StringLiteral)) {
                    throw error(value.span(), "cannot compare " + typeName + " " + what + " with "
                            + describe(value), "put the value in single quotes: '" + value.render() + "'");
                }
                requireEquality(what, typeName, op, value);
            }
            case TIMESTAMP -> {
                if (!(value instanceof Literal.StringLiteral s) || TimestampLiteral.parse(s.value()).isEmpty()) {
                    throw error(value.span(), "cannot compare timestamp " + what + " with " + describe(value),
                            "write a date as a string: '2024-03-01' or '2024-03-01T12:00:00Z' (UTC)");
                }
            }
            case ID -> {
                boolean ok = value instanceof Literal.StringLiteral
                        || value instanceof Literal.NumberLiteral n && n.isIntegral();
                if (!ok) {
                    throw error(value.span(), "cannot compare id " + what + " with " + describe(value),
                            "ids are compared with whole numbers or 'strings'");
                }
                requireEquality(what, typeName, op, value);
            }
        }
    }

    private void requireEquality(String what, String typeName, CompareOp op, Literal value) {
        if (op.isOrdering()) {
            throw error(value.span(), typeName + " " + what + " has no order, so it cannot be compared with "
                    + op.symbol(), "use =, != or IN (...)");
        }
    }

    private static String describe(Literal value) {
        if (value instanceof Literal.NumberLiteral) {
            return "number " + value.render();
        }
        return value instanceof Literal.StringLiteral ? "string " + value.render() : value.render();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s.trim());
            return !s.isBlank();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static ColumnRef firstColumn(Expr e) {
        return ConditionColumns.of(e).get(0);
    }

    private TableSchema table(ColumnRef ref) {
        Optional<TableSchema> t = schema.table(ref.table());
        if (t.isEmpty()) {
            schema.excludedTables().stream().filter(ref.table()::equalsIgnoreCase).findFirst().ifPresent(x -> {
                throw error(ref.tableSpan(), "table " + x + " was left out of the data (--exclude-tables), but "
                        + "the query reads it", "the query's entity, target and filter tables must stay: do not "
                        + "exclude " + x);
            });
            List<String> names = schema.tableNames();
            throw error(ref.tableSpan(), "unknown table '" + ref.table() + "'", DidYouMean.closest(ref.table(), names)
                    .map(s -> "did you mean '" + s + "'?").orElse("tables are: " + String.join(", ", names)));
        }
        return t.get();
    }

    private ColumnSchema column(TableSchema table, ColumnRef ref) {
        Optional<ColumnSchema> c = table.column(ref.column());
        if (c.isEmpty()) {
            List<String> names = new ArrayList<>(table.columnNames());
            throw error(ref.columnSpan(), "unknown column '" + ref.column() + "' in table " + table.name(),
                    DidYouMean.closest(ref.column(), names).map(s -> "did you mean '" + s + "'?")
                            .orElse("columns of " + table.name() + ": " + String.join(", ", names)));
        }
        return c.get();
    }

    private QueryException error(Span span, String problem, String hint) {
        return QueryException.at(source, span, problem, hint);
    }
}
