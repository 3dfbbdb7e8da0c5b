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
        OfferRule offering = query.offering() == null ? null : bindOffering(query.offering(), bound);
        ParsedQuery canonical = new ParsedQuery(query.text(), bound.target, entityRef, filter, offering);
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

    /** Checks an OFFERING clause: an action column, a catalog, linked holdings, comparable eligibility columns. */
    private OfferRule bindOffering(OfferRule rule, BoundTarget bound) {
        if (!(bound.target instanceof Target.ArgMax argMax)) {
            throw error(rule.span(), "OFFERING rules say which actions an ARGMAX query may recommend; this query "
                    + "predicts " + bound.taskType.toString().toLowerCase(java.util.Locale.ROOT) + " values",
                    "drop the OFFERING clause, or rank actions with PREDICT ARGMAX(condition, ...)");
        }
        TableSchema target = table(rule.offer());
        if (!target.name().equalsIgnoreCase(bound.table.name())) {
            throw error(rule.offer().tableSpan(), "OFFERING names the column of the ARGMAX table "
                    + bound.table.name() + " that holds the offered product, not a column of " + target.name(),
                    "write OFFERING " + bound.table.name() + ".COLUMN");
        }
        ColumnSchema offerColumn = column(target, rule.offer());
        List<String> actionColumns = argMax.actionColumns(target);
        if (!actionColumns.contains(offerColumn.name())) {
            throw error(rule.offer().columnSpan(), target.name() + "." + offerColumn.name() + " is not part of the "
                    + "action (the categorical columns of " + target.name() + " the condition does not read)",
                    "action columns: " + String.join(", ", actionColumns));
        }
        ColumnRef offer = rule.offer().renamed(target.name(), offerColumn.name());
        TableSchema catalog = null;
        ColumnRef catalogRef = null;
        if (rule.catalog() != null) {
            catalog = table(rule.catalog());
            if (catalog.name().equalsIgnoreCase(entity.name()) || catalog.name().equalsIgnoreCase(target.name())) {
                throw error(rule.catalog().tableSpan(), "the catalog after OFFERING ... = must be a table of "
                        + "products, not " + catalog.name(), "e.g. OFFERING " + offer.render()
                        + " = PRODUCT_CATALOG.PRODUCT_NAME");
            }
            catalogRef = rule.catalog().renamed(catalog.name(), column(catalog, rule.catalog()).name());
        }
        List<OfferRule.NotHeld> notHeld = new ArrayList<>();
        for (OfferRule.NotHeld n : rule.notHeld()) {
            notHeld.add(bindNotHeld(n, offer, catalog));
        }
        List<OfferRule.Eligible> eligible = new ArrayList<>();
        for (OfferRule.Eligible e : rule.eligible()) {
            eligible.add(bindEligible(e, offer, catalog));
        }
        return new OfferRule(offer, catalogRef, notHeld, eligible, rule.span());
    }

    private OfferRule.NotHeld bindNotHeld(OfferRule.NotHeld n, ColumnRef offer, TableSchema catalog) {
        TableSchema holdings = table(n.column());
        if (holdings.name().equalsIgnoreCase(entity.name())) {
            throw error(n.column().tableSpan(), "NOT HELD reads a table of holdings linked to " + entity.name()
                    + ", not " + entity.name() + " itself", "e.g. NOT HELD PRODUCT_HOLDINGS.PRODUCT_ID");
        }
        link(holdings, n.column()); // exactly one foreign key into the entity table, or an error
        ColumnSchema held = column(holdings, n.column());
        Optional<ForeignKey> fk = holdings.foreignKeys().stream()
                .filter(f -> f.column().equalsIgnoreCase(held.name())).findFirst();
        if (fk.isPresent() && (catalog == null || !fk.get().referencedTable().equalsIgnoreCase(catalog.name()))) {
            String referenced = fk.get().referencedTable();
            throw error(n.column().columnSpan(), holdings.name() + "." + held.name() + " is a foreign key to "
                            + referenced + ", so it can only be matched with the offer through that table",
                    "name the " + referenced + " column the offered value equals: OFFERING " + offer.render()
                            + " = " + referenced + ".COLUMN, or hold a column with the product's value");
        }
        Expr where = n.where() == null ? null : bindRowCondition(n.where(), holdings, "a NOT HELD condition");
        return new OfferRule.NotHeld(n.column().renamed(holdings.name(), held.name()), where, n.span());
    }

    private OfferRule.Eligible bindEligible(OfferRule.Eligible e, ColumnRef offer, TableSchema catalog) {
        if (catalog == null) {
            throw error(e.span(), "ELIGIBLE compares with the offered product's catalog row, and no catalog is named",
                    "name it after OFFERING: OFFERING " + offer.render() + " = PRODUCT_CATALOG.PRODUCT_NAME");
        }
        TableSchema left = table(e.entityColumn());
        if (!left.name().equalsIgnoreCase(entity.name())) {
            throw error(e.entityColumn().tableSpan(), "ELIGIBLE compares a column of the entity table "
                    + entity.name() + " with one of the catalog, not a column of " + left.name(),
                    "write ELIGIBLE " + entity.name() + ".COLUMN op " + catalog.name() + ".COLUMN");
        }
        TableSchema right = table(e.catalogColumn());
        if (!right.name().equalsIgnoreCase(catalog.name())) {
            throw error(e.catalogColumn().tableSpan(), "ELIGIBLE compares with the catalog " + catalog.name()
                    + ", not " + right.name(), "write ELIGIBLE " + entity.name() + ".COLUMN op " + catalog.name()
                    + ".COLUMN");
        }
        ColumnSchema l = column(left, e.entityColumn());
        ColumnSchema r = column(right, e.catalogColumn());
        boolean numbers = isOrdered(l.type()) && l.type() == r.type();
        boolean texts = isText(l.type()) && isText(r.type());
        if (!numbers && !texts) {
            throw error(e.span(), "cannot compare " + l.type().yamlName() + " " + left.name() + "." + l.name()
                    + " with " + r.type().yamlName() + " " + right.name() + "." + r.name(),
                    "compare two numbers, two timestamps, or two categories");
        }
        if (numbers && !e.order().isEmpty()) {
            throw error(e.order().get(0).span(), "ORDER ranks category values; " + l.type().yamlName()
                    + " values compare as they are", "drop ORDER ( ... )");
        }
        if (texts && e.op().isOrdering() && e.order().isEmpty()) {
            throw error(e.span(), "categories have no order of their own, so " + e.op().symbol()
                            + " needs one", "list the values lowest first after the comparison, e.g. ORDER "
                            + "('Mass Market', 'Mass Affluent', 'Premier')");
        }
        if (texts && !e.op().isOrdering() && !e.order().isEmpty()) {
            throw error(e.order().get(0).span(), "ORDER only matters for < <= > >=", "drop ORDER ( ... )");
        }
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Literal v : e.order()) {
            if (!(v instanceof Literal.StringLiteral s)) {
                throw error(v.span(), "ORDER lists category values, not " + describe(v),
                        "put the value in single quotes: '" + v.render() + "'");
            }
            if (!seen.add(s.value())) {
                throw error(v.span(), "value " + v.render() + " is listed twice in ORDER",
                        "list each value once, lowest first");
            }
        }
        return new OfferRule.Eligible(e.entityColumn().renamed(left.name(), l.name()), e.op(),
                e.catalogColumn().renamed(right.name(), r.name()), e.order(), e.span());
    }

    private static boolean isOrdered(SemanticType t) {
        return t == SemanticType.NUMERICAL || t == SemanticType.TIMESTAMP;
    }

    private static boolean isText(SemanticType t) {
        return t == SemanticType.CATEGORICAL || t == SemanticType.TEXT;
    }

    private QueryException error(Span span, String problem, String hint) {
        return QueryException.at(source, span, problem, hint);
    }
}
