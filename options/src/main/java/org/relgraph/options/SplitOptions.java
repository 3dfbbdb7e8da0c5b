package org.relgraph.options;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.OptionalLong;
import org.relgraph.models.api.Task;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TimestampLiteral;
import picocli.CommandLine.Option;

/**
 * How anchors are placed for train/val/test: a picocli mixin shared by the commands that build training tables
 * and by the Spark labels and train jobs, so both place anchors as one machine does for the same options.
 */
public final class SplitOptions {
    @Option(names = "--test-time", paramLabel = "DATE",
            description = "First test anchor (default: the latest time whose full window fits in the data of the "
                    + "query's target and entity tables; other tables do not move it).")
    String testTime;

    @Option(names = "--val-time", paramLabel = "DATE",
            description = "First validation anchor (default: one window before the test anchor).")
    String valTime;

    @Option(names = "--train-anchors", paramLabel = "N",
            description = "Number of train anchors, stepping back from the validation anchor by the window "
                    + "(default: as many as fit, at most " + SplitPlanner.DEFAULT_MAX_TRAIN_ANCHORS + ").")
    Integer trainAnchors;

    @Option(names = "--train-anchor-step", paramLabel = "N",
            description = "Train anchors N of the window's units apart (default: the window's length, so train "
                    + "windows tile the past; a smaller step, e.g. 1 for monthly anchors of a 3-month window, gives "
                    + "more, overlapping examples from a small dataset; every train window still ends by the val "
                    + "anchor).")
    Integer trainAnchorStep;

    @Option(names = "--max-train-anchors", paramLabel = "N",
            defaultValue = "" + SplitPlanner.DEFAULT_MAX_TRAIN_ANCHORS,
            description = "Cap on train anchors when --train-anchors is not given (default ${DEFAULT-VALUE}).")
    int maxTrainAnchors;

    @Option(names = "--eval-anchors", paramLabel = "N", defaultValue = "1",
            description = "Anchors per val/test split, one window apart (RelBench uses up to 40; default "
                    + "${DEFAULT-VALUE}).")
    int evalAnchors;

    /**
     * The split's anchors, printed on {@code out} with, when any was left to its default, the tables whose times
     * placed them.
     */
    public SplitPlan plan(Task task, PrintWriter out) {
        SplitPlanner planner = apply(task.splitPlanner());
        SplitPlan plan = planner.plan();
        out.println("Split: " + plan);
        if (testTime == null || valTime == null || trainAnchors == null) {
            out.println("  default split times from " + planner.timeSource());
        }
        return plan;
    }

    /**
     * {@code planner} with these options applied (checked first): the one place the options become anchors, for
     * the CLI's commands and the Spark jobs alike.
     */
    public SplitPlanner apply(SplitPlanner planner) {
        checkRanges();
        planner.maxEvalAnchors(evalAnchors).maxTrainAnchors(maxTrainAnchors);
        parse("--test-time", testTime).ifPresent(planner::testTime);
        parse("--val-time", valTime).ifPresent(planner::valTime);
        if (trainAnchors != null) {
            planner.trainAnchorCount(trainAnchors);
        }
        if (trainAnchorStep != null) {
            planner.trainAnchorStep(trainAnchorStep);
        }
        return planner;
    }

    /** Refuses anchor counts below 1, naming the option; commands call it before loading data too. */
    public void checkRanges() {
        OptionChecks.atLeast("--train-anchors", trainAnchors, 1, "train anchors step back from the val anchor by the "
                + "window; omit it for as many as fit");
        OptionChecks.atLeast("--max-train-anchors", maxTrainAnchors, 1, "the cap on train anchors, e.g. 100");
        OptionChecks.atLeast("--train-anchor-step", trainAnchorStep, 1, "train anchors' spacing in the window's "
                + "units, e.g. 1; omit it for one window");
        OptionChecks.atLeast("--eval-anchors", evalAnchors, 1, "anchors per val/test split, e.g. 1");
        parse("--test-time", testTime);
        parse("--val-time", valTime);
    }

    public static OptionalLong parse(String option, String value) {
        return TimestampLiteral.parseOption(option, value);
    }

    public static String format(long epochMs) {
        return Instant.ofEpochMilli(epochMs).toString();
    }
}
