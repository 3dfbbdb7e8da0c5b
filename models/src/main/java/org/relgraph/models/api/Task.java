package org.relgraph.models.api;

import java.util.List;
import org.relgraph.query.LiteralValueCheck;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.table.Database;

/**
 * A predictive query bound to the data it asks about, and the leakage-free train/val/test tables built from it:
 * the "query" step of the data flow (after {@link Sources}, before {@link Training}). Binding checks names and types
 * against the schema and compared values against the values the columns hold (a misspelt value of a few-valued
 * column is an error; of a many-valued one a {@linkplain #warnings() warning}).
 *
 * <pre>{@code
 * Database db = Sources.load("data/bank");
 * Task task = Task.bind(db, "PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, months) "
 *         + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'");
 * SplitPlan plan = task.splitPlanner().trainAnchorCount(4).plan();   // or task.tables() for the default split
 * TrainingSplits tables = task.tables(plan);
 * }</pre>
 */
public final class Task {
    private final Database db;
    private final PredictiveQuery query;
    private final List<String> warnings;

    private Task(Database db, PredictiveQuery query, List<String> warnings) {
        this.db = db;
        this.query = query;
        this.warnings = List.copyOf(warnings);
    }

    /** Parses {@code pql} against {@code db}; a query that does not fit the data is a SchemaException. */
    public static Task bind(Database db, String pql) {
        PredictiveQuery q = PredictiveQuery.parse(pql, db.schema());
        return new Task(db, q, LiteralValueCheck.check(q, db));
    }

    public Database data() {
        return db;
    }

    public PredictiveQuery query() {
        return query;
    }

    /** Compared values that few or no rows hold, worth telling the user; empty when all look right. */
    public List<String> warnings() {
        return warnings;
    }

    /** Where the train/val/test anchors go: defaults from the data's time range, each settable. */
    public SplitPlanner splitPlanner() {
        return new SplitPlanner(db, query);
    }

    /** The train/val/test tables at {@code plan}'s anchors, each label read only from its window. */
    public TrainingSplits tables(SplitPlan plan) {
        return new TrainingTableBuilder(db, query).build(plan);
    }

    /** The tables at the default split (the planner's defaults). */
    public TrainingSplits tables() {
        return tables(splitPlanner().plan());
    }
}
