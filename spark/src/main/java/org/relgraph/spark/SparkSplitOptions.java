package org.relgraph.spark;

import java.util.OptionalLong;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine.Option;

/**
 * How anchors are placed for train/val/test, as {@code relgraph query/train}'s split options: one definition for the
 * labels and train jobs (a picocli mixin), so both place anchors as one machine does for the same options.
 */
final class SparkSplitOptions {
    @Option(names = "--test-time", paramLabel = "DATE", description = "First test anchor (default: the latest time "
            + "whose full window fits in the data of the query's target and entity tables).")
    String testTime;

    @Option(names = "--val-time", paramLabel = "DATE",
            description = "First validation anchor (default: one window before the test anchor).")
    String valTime;

    @Option(names = "--train-anchors", paramLabel = "N", description = "Number of train anchors (default: as many "
            + "as fit, at most " + SplitPlanner.DEFAULT_MAX_TRAIN_ANCHORS + ").")
    Integer trainAnchors;

    @Option(names = "--train-anchor-step", paramLabel = "N", description = "Train anchors N of the window's units "
            + "apart (default: the window's length), as relgraph query --train-anchor-step.")
    Integer trainAnchorStep;

    @Option(names = "--max-train-anchors", paramLabel = "N",
            defaultValue = "" + SplitPlanner.DEFAULT_MAX_TRAIN_ANCHORS,
            description = "Cap on train anchors when --train-anchors is not given (default ${DEFAULT-VALUE}).")
    int maxTrainAnchors;

    @Option(names = "--eval-anchors", paramLabel = "N", defaultValue = "1",
            description = "Anchors per val/test split, one window apart (default ${DEFAULT-VALUE}).")
    int evalAnchors;

    /** Refuses counts below 1 and times that are not dates, naming the option; before any data is read. */
    void check() {
        positive("--train-anchors", trainAnchors);
        positive("--train-anchor-step", trainAnchorStep);
        positive("--max-train-anchors", maxTrainAnchors);
        positive("--eval-anchors", evalAnchors);
        testTime();
        valTime();
    }

    /** {@code planner} with these options applied. */
    SplitPlanner apply(SplitPlanner planner) {
        planner.maxEvalAnchors(evalAnchors).maxTrainAnchors(maxTrainAnchors);
        testTime().ifPresent(planner::testTime);
        valTime().ifPresent(planner::valTime);
        if (trainAnchors != null) {
            planner.trainAnchorCount(trainAnchors);
        }
        if (trainAnchorStep != null) {
            planner.trainAnchorStep(trainAnchorStep);
        }
        return planner;
    }

    private OptionalLong testTime() {
        return TimestampLiteral.parseOption("--test-time", testTime);
    }

    private OptionalLong valTime() {
        return TimestampLiteral.parseOption("--val-time", valTime);
    }

    /** The jobs' one check of a count option: null (not given) passes. */
    static void positive(String option, Integer value) {
        if (value != null && value < 1) {
            throw new SchemaException(option + " " + value + " is not positive", "give 1 or more");
        }
    }
}
