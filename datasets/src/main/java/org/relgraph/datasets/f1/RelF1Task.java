package org.relgraph.datasets.f1;

import java.util.Arrays;
import java.util.Locale;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlanner;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * RelBench's three rel-f1 entity tasks written as predictive queries, with RelBench's split settings. Each query's
 * WHERE is RelBench's population: a driver gets a row at anchor {@code t} only if it has a row of the target table
 * in the label window {@code (t, t + Δ]} (RelBench's inner join against that window; its extra "raced in the last
 * year" test is implied by it).
 */
public enum RelF1Task {
    /** Whether any of the driver's results in the next 30 days is not "Finished" (status 1). */
    DRIVER_DNF("driver-dnf", "PREDICT BOOL(results.statusId != '1', 0, 30, days) FOR EACH drivers.driverId "
            + "WHERE COUNT(results.*, 0, 30, days) > 0"),
    /**
     * Whether the driver qualifies in the top 3 for a race in the next 30 days. RelBench's label is
     * {@code MIN(position) <= 3}; "any position <= 3" is the same for every row with a position, and like RelBench
     * it gives 0 (instead of no row) to a driver whose qualifying rows all lack one.
     */
    DRIVER_TOP3("driver-top3", "PREDICT BOOL(qualifying.position <= 3, 0, 30, days) FOR EACH drivers.driverId "
            + "WHERE COUNT(qualifying.*, 0, 30, days) > 0"),
    /** The driver's mean finishing position (positionOrder) over its races in the next 60 days. */
    DRIVER_POSITION("driver-position", "PREDICT AVG(results.positionOrder, 0, 60, days) FOR EACH drivers.driverId "
            + "WHERE COUNT(results.*, 0, 60, days) > 0");

    /** RelBench's {@code num_eval_timestamps} for every rel-f1 task. */
    public static final int MAX_EVAL_ANCHORS = 40;

    private final String taskName;
    private final String query;

    RelF1Task(String taskName, String query) {
        this.taskName = taskName;
        this.query = query;
    }

    /** RelBench's name for the task, e.g. {@code driver-dnf}. */
    public String taskName() {
        return taskName;
    }

    /** The task as PQL over {@link RelF1Dataset#schema()}. */
    public String query() {
        return query;
    }

    public PredictiveQuery parse() {
        return PredictiveQuery.parse(query, RelF1Dataset.schema());
    }

    /**
     * RelBench's anchors for this task over {@code db}: val from 2005-01-01 and test from 2010-01-01, up to
     * {@link #MAX_EVAL_ANCHORS} each, train stepping back from val to the data's first time without a cap.
     */
    public SplitPlanner splitPlanner(Database db) {
        return new SplitPlanner(db, parse().window()).valTime(RelF1Dataset.VAL_TIME.toEpochMilli())
                .testTime(RelF1Dataset.TEST_TIME.toEpochMilli()).maxEvalAnchors(MAX_EVAL_ANCHORS)
                .maxTrainAnchors(Integer.MAX_VALUE);
    }

    public static RelF1Task byName(String name) {
        return Arrays.stream(values()).filter(t -> t.taskName.equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new SchemaException("unknown rel-f1 task '" + name + "'", "rel-f1 tasks: "
                        + String.join(", ", Arrays.stream(values()).map(RelF1Task::taskName).toList())));
    }

    @Override
    public String toString() {
        return taskName.toLowerCase(Locale.ROOT);
    }
}
