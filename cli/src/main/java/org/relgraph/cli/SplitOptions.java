package org.relgraph.cli;

import java.time.Instant;
import java.util.OptionalLong;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import picocli.CommandLine.Option;

/** How anchors are placed for train/val/test; shared by the commands that build training tables. */
public final class SplitOptions {
    @Option(names = "--test-time", paramLabel = "DATE",
            description = "First test anchor (default: the latest time whose full window fits in the data).")
    String testTime;

    @Option(names = "--val-time", paramLabel = "DATE",
            description = "First validation anchor (default: one window before the test anchor).")
    String valTime;

    @Option(names = "--train-anchors", paramLabel = "N",
            description = "Number of train anchors, stepping back from the validation anchor by the window "
                    + "(default: as many as fit, at most " + SplitPlanner.DEFAULT_MAX_TRAIN_ANCHORS + ").")
    Integer trainAnchors;

    @Option(names = "--max-train-anchors", paramLabel = "N",
            defaultValue = "" + SplitPlanner.DEFAULT_MAX_TRAIN_ANCHORS,
            description = "Cap on train anchors when --train-anchors is not given (default ${DEFAULT-VALUE}).")
    int maxTrainAnchors;

    @Option(names = "--eval-anchors", paramLabel = "N", defaultValue = "1",
            description = "Anchors per val/test split, one window apart (RelBench uses up to 40; default "
                    + "${DEFAULT-VALUE}).")
    int evalAnchors;

    public SplitPlan plan(Database db, PredictiveQuery query) {
        SplitPlanner planner = new SplitPlanner(db, query.window()).maxEvalAnchors(evalAnchors)
                .maxTrainAnchors(maxTrainAnchors);
        parse("--test-time", testTime).ifPresent(planner::testTime);
        parse("--val-time", valTime).ifPresent(planner::valTime);
        if (trainAnchors != null) {
            planner.trainAnchorCount(trainAnchors);
        }
        return planner.plan();
    }

    static OptionalLong parse(String option, String value) {
        if (value == null) {
            return OptionalLong.empty();
        }
        OptionalLong t = TimestampLiteral.parse(value);
        if (t.isEmpty()) {
            throw new SchemaException(option + ": cannot read '" + value + "' as a date",
                    "use 2024-01-31 or 2024-01-31T12:00:00Z (UTC)");
        }
        return t;
    }

    static String format(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
