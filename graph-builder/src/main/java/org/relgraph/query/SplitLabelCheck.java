package org.relgraph.query;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.Table;
import org.relgraph.table.TimeRange;

/**
 * Stops training on splits a model can neither learn from nor be measured on, before any fitting starts: a split
 * without examples, a binary split of one class (AUROC undefined), a regression split whose label is constant (R²
 * undefined), a multiclass split of one class, a ranking split in which no entity accepted or referenced anything
 * (MAP undefined). Otherwise training would run for minutes and write a bundle whose metrics read n/a — typically
 * because a condition's value is misspelt, the window is too short for the event, or an anchor sits where the
 * target table has no rows. Every model's {@code train} calls {@link #requireLearnable} first.
 */
public final class SplitLabelCheck {
    private SplitLabelCheck() {
    }

    /**
     * @throws SchemaException naming the first unusable split (train, val, test), its anchors and label period, its
     *                         rows and positives, with a hint on what to change
     */
    public static void requireLearnable(Database db, PredictiveQuery query, TrainingSplits splits) {
        for (TrainingTable split : List.of(splits.train(), splits.val(), splits.test())) {
            Problem p = problem(split, query);
            if (p != null) {
                throw new SchemaException("the " + split.split() + " split " + p.what + " (" + period(split, query)
                        + "), so a model can neither learn from nor be measured on it",
                        p.advice.replace("ANCHORS", anchorOptions(split)) + "; " + targetRows(db, query));
            }
        }
    }

    /** What is wrong with a split, and what to change; ANCHORS stands for the options that move its anchors. */
    private record Problem(String what, String advice) {
    }

    private static final String NO_EVENTS = "check the values in the target's condition (compared exactly, case "
            + "included), widen the window, or move the anchors (ANCHORS) to a period with events";

    /** What is wrong with the split's labels, or null when a model can use them. */
    private static Problem problem(TrainingTable split, PredictiveQuery query) {
        int n = split.size();
        if (n == 0 && query.target() instanceof Target.ArgMax) {
            // An ARGMAX example is a candidate row of the target table (an offer shown) in the window.
            return new Problem("has no examples", "no " + query.targetTable() + " row falls in its windows: move "
                    + "the anchors (ANCHORS) to a period with events");
        }
        if (n == 0 && query.target() instanceof Target.ListDistinct l) {
            // LIST_DISTINCT labels only the entities that reference a row in the window (ListDistinctLabeler).
            return new Problem("has no entity that references any " + l.foreignKey().render() + " in its window",
                    NO_EVENTS);
        }
        if (n == 0) {
            return new Problem("has no examples", "no " + query.entityTable() + " row exists and passes the filter "
                    + "at these anchors: move them inside the data (ANCHORS) or loosen the WHERE");
        }
        String rows = String.format(Locale.ROOT, "%,d", n);
        if (split.hasListLabels()) {
            return null; // every LIST_DISTINCT example references at least one row
        }
        return switch (split.taskType()) {
            case BINARY -> {
                int positives = 0;
                for (int i = 0; i < n; i++) {
                    positives += split.label(i) > 0.5 ? 1 : 0;
                }
                if (positives == 0) {
                    yield new Problem("has only negative labels (" + rows + " examples, 0 positives)", NO_EVENTS);
                }
                yield positives < n ? null : new Problem("has only positive labels (" + rows + " examples, all "
                        + "positive)", "the target holds for every example: narrow its condition or window, or "
                        + "move the anchors (ANCHORS)");
            }
            case RANKING -> {
                for (int i = 0; i < n; i++) {
                    if (split.label(i) > 0.5) {
                        yield null;
                    }
                }
                yield new Problem("has no entity that accepted anything (" + rows + " candidate rows, 0 accepted)",
                        NO_EVENTS);
            }
            case REGRESSION, MULTICLASS -> {
                Set<Double> distinct = new HashSet<>();
                for (int i = 0; i < n && distinct.size() < 2; i++) {
                    if (!Double.isNaN(split.label(i))) {
                        distinct.add(split.label(i));
                    }
                }
                if (distinct.size() >= 2) {
                    yield null;
                }
                String one = split.taskType() == TaskType.MULTICLASS ? "has a single class"
                        : "has the same label for every example";
                String value = distinct.isEmpty() ? ", all without a value"
                        : split.taskType() == TaskType.REGRESSION ? ", all " + format(distinct.iterator().next()) : "";
                yield new Problem(one + " (" + rows + " examples" + value + ")", "the target does not vary: check "
                        + "its column and condition, widen the window, or move the anchors (ANCHORS)");
            }
        };
    }

    /** The split's anchors and the period its labels come from. */
    private static String period(TrainingTable split, PredictiveQuery query) {
        List<Long> anchors = split.anchors();
        if (anchors.isEmpty()) {
            return "no anchors";
        }
        TimeWindow w = query.window();
        long first = anchors.stream().mapToLong(Long::longValue).min().getAsLong();
        long last = anchors.stream().mapToLong(Long::longValue).max().getAsLong();
        String which = anchors.size() == 1 ? "anchor " + day(first)
                : anchors.size() + " anchors " + day(first) + " .. " + day(last);
        return which + ", labels from " + query.targetTable() + " rows in (" + day(w.startTime(first)) + ", "
                + day(w.endTime(last)) + "]";
    }

    private static String anchorOptions(TrainingTable split) {
        return switch (split.split()) {
            case "test" -> "--test-time";
            case "val" -> "--val-time, --test-time";
            default -> "--val-time, --train-anchors";
        };
    }

    private static String targetRows(Database db, PredictiveQuery query) {
        Table target = db.table(query.targetTable());
        TimeRange rows = target.timeColumn().map(TimeRange::of).orElse(TimeRange.EMPTY);
        return rows.isEmpty() ? query.targetTable() + " has no timed rows"
                : query.targetTable() + " rows span " + day(rows.min()) + " .. " + day(rows.max());
    }

    private static String day(long t) {
        return SplitPlan.iso(t).replace("T00:00:00Z", "");
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
