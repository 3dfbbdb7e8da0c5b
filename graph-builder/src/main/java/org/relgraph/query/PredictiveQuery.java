package org.relgraph.query;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.relgraph.schema.ForeignKey;
import org.relgraph.schema.Schema;

/**
 * A predictive query checked against a schema: every table and column resolved (names in their schema spelling),
 * the target table linked to the entity table, the task type inferred.
 *
 * <h2>Meaning</h2>
 * For an anchor time {@code t}, the query yields one example per row of the entity table that exists at {@code t}
 * (its time, if the table has one, is at or before {@code t}) and passes the filter at {@code t}. The label is
 * computed only from target-table rows whose time lies in {@code (t + start, t + end]}.
 *
 * <h2>Entity filter semantics</h2>
 * A condition on the entity table's own columns is a plain predicate on the entity's row. A condition on a child
 * table's column (a table holding a foreign key to the entity table) is <em>existential as of the anchor</em>:
 * it asks about the child rows linked to the entity whose time is at or before {@code t} (rows of a static child
 * table always count):
 * <ul>
 *   <li>{@code CHILD.col = v} (also {@code < <= > >=}, {@code IN (...)}): at least one such row has it;</li>
 *   <li>{@code CHILD.col != v} (also {@code <>}): <em>no</em> such row has {@code col = v}, i.e.
 *       {@code NOT EXISTS} — so an entity with no child rows passes;</li>
 *   <li>{@code NOT cond} negates whatever {@code cond} means, so {@code CHILD.col NOT IN (...)} means no row has
 *       one of the values;</li>
 *   <li>{@code CHILD.col IS NULL} / {@code IS NOT NULL}: at least one row lacks / has a value.</li>
 * </ul>
 * Each comparison is its own existential test: {@code CHILD.a = 1 AND CHILD.b = 2} may be satisfied by two
 * different rows. A comparison against a null value is false (and so is {@code !=} on an entity's null column).
 * Child rows whose time is null cannot be placed in time and are ignored by filters and labels.
 *
 * <h2>Windowed aggregate conditions</h2>
 * {@code AGG(T.col [WHERE cond], start, end[, unit]) op v} in the filter aggregates the entity's rows of
 * {@code T} (the entity table itself, or a timed table with one foreign key into it) whose time lies in
 * {@code (t + start, t + end]}, with the same aggregations as a target (rows failing the inner WHERE and null
 * values skipped), and compares the result with {@code v}. COUNT, COUNT_DISTINCT and SUM over no rows are 0;
 * AVG, MIN, MAX, FIRST and LAST over no rows have no value and the comparison is false (so
 * {@code NOT MIN(...) <= 3} holds for an entity without rows). {@code start} may be negative.
 * <ul>
 *   <li>A window ending at or before the anchor ({@code end <= 0}, e.g. {@code COUNT(results.*, -365, 0, days) > 0},
 *       rows in {@code (t - 365d, t]}) reads only history: an ordinary entity filter, computable at prediction
 *       time.</li>
 *   <li>A window ending after the anchor ({@code end > 0}, e.g. {@code COUNT(results.*, 0, 30, days) > 0}) is a
 *       <em>population condition</em>: it decides at label time whether the (entity, anchor) example exists at all
 *       — RelBench's F1 tasks only label drivers that race in the label window. It is never a model input, and it
 *       cannot be evaluated when predicting (the future is unknown then): there, the caller chooses the entities.
 *       {@link #hasPopulationCondition()} tells whether a query has one.</li>
 * </ul>
 * Windowed aggregates combine with the other conditions through AND, OR and NOT like any condition.
 *
 * <h2>Offering rules (ARGMAX)</h2>
 * {@code OFFERING target.col [= catalog.col] rule+} after the filter says which actions may be recommended to an
 * entity as of an anchor {@code t} ({@link OfferRule}, evaluated by {@link OfferEligibility}): {@code NOT HELD}
 * leaves out an action whose product the entity holds at {@code t} (a linked row with time at or before {@code t});
 * {@code ELIGIBLE} keeps an action only if the entity's column compares with its catalog row's column.
 *
 * <h2>Links</h2>
 * The target table and every table in the filter must be the entity table or a table with exactly one foreign key
 * into it. Longer paths (e.g. a table linked through another) are not supported yet.
 */
public final class PredictiveQuery {
    private final ParsedQuery parsed;
    private final String entityTable;
    private final String entityKey;
    private final String targetTable;
    private final ForeignKey targetLink;
    private final Map<String, ForeignKey> filterLinks;
    private final TaskType taskType;

    PredictiveQuery(ParsedQuery parsed, String entityTable, String entityKey, String targetTable,
                    ForeignKey targetLink, Map<String, ForeignKey> filterLinks, TaskType taskType) {
        this.parsed = parsed;
        this.entityTable = entityTable;
        this.entityKey = entityKey;
        this.targetTable = targetTable;
        this.targetLink = targetLink;
        this.filterLinks = Collections.unmodifiableMap(new LinkedHashMap<>(filterLinks));
        this.taskType = taskType;
    }

    /** Parses {@code text} and checks it against {@code schema}; every problem is a {@link QueryException}. */
    public static PredictiveQuery parse(String text, Schema schema) {
        return new QueryBinder(schema).bind(QueryParser.parse(text));
    }

    public String text() {
        return parsed.text();
    }

    public Target target() {
        return parsed.target();
    }

    public TimeWindow window() {
        return parsed.target().window();
    }

    public String entityTable() {
        return entityTable;
    }

    /** The entity table's primary key column. */
    public String entityKey() {
        return entityKey;
    }

    public Optional<Expr> filter() {
        return parsed.filterOpt();
    }

    /** The table whose rows in the window make the label. */
    public String targetTable() {
        return targetTable;
    }

    /** The foreign key from the target table to the entity table; empty when the target is the entity table. */
    public Optional<ForeignKey> targetLink() {
        return Optional.ofNullable(targetLink);
    }

    /** For every child table named in the filter, in order of first mention, its foreign key into the entity table. */
    public Map<String, ForeignKey> filterLinks() {
        return filterLinks;
    }

    /** Which actions an ARGMAX query may recommend as of an anchor (its OFFERING clause), if it says. */
    public Optional<OfferRule> offerRule() {
        return Optional.ofNullable(parsed.offering());
    }

    /**
     * Whether the filter holds a windowed aggregate whose window ends after the anchor: a population condition,
     * decided with label-time data, so it selects training examples but cannot select entities to predict for.
     */
    public boolean hasPopulationCondition() {
        return filter().map(PredictiveQuery::readsAfterAnchor).orElse(false);
    }

    private static boolean readsAfterAnchor(Expr e) {
        if (e instanceof Expr.And and) {
            return readsAfterAnchor(and.left()) || readsAfterAnchor(and.right());
        }
        if (e instanceof Expr.Or or) {
            return readsAfterAnchor(or.left()) || readsAfterAnchor(or.right());
        }
        if (e instanceof Expr.Not not) {
            return readsAfterAnchor(not.operand());
        }
        return e instanceof Expr.WindowedAggregate a && a.readsAfterAnchor();
    }

    public TaskType taskType() {
        return taskType;
    }

    /** A readable, multi-line account of what the query computes, for logs and the CLI. */
    public String plan() {
        return new QueryPlanWriter(this).write();
    }

    @Override
    public String toString() {
        return "PREDICT " + target().render() + " FOR EACH " + entityTable + "." + entityKey
                + filter().map(f -> " WHERE " + f.render()).orElse("")
                + offerRule().map(r -> " " + r.render()).orElse("");
    }
}
