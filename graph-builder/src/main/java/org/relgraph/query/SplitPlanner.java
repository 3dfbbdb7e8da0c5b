package org.relgraph.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.TimeRange;

/**
 * Chooses anchor times for a temporal train/val/test split, as RelBench does. With {@code Δ = end - start} the
 * window's length (RelBench's {@code timedelta}; its windows start at 0, so {@code Δ = end}):
 * <ul>
 *   <li>test: {@code testTime}, by default the latest anchor whose whole label window fits in the data
 *       ({@code test + end <= max time});</li>
 *   <li>val: {@code valTime}, by default {@code end} units before the test anchor, so the val window closes exactly
 *       at the test anchor;</li>
 *   <li>train: stepping back from {@code val - end} by {@code Δ}, as many as stay at or after the earliest data
 *       time, at most {@link #DEFAULT_MAX_TRAIN_ANCHORS} unless {@link #maxTrainAnchors} says otherwise;
 *       {@link #trainAnchorStep(long)} steps by fewer units, so train windows overlap and a small dataset gives more
 *       examples (each still labelled by a window that ends by the val anchor).</li>
 * </ul>
 * By default val and test have one anchor each. {@link #maxEvalAnchors(int) maxEvalAnchors(n)} gives RelBench's
 * multi-anchor evaluation: val anchors {@code val + i·Δ} for {@code i < n} while the anchor's window ends by the
 * test anchor, test anchors {@code test + i·Δ} for {@code i < n} while the window ends by the max time (the first
 * test anchor is always kept). In days or hours that is RelBench's {@code <= min(val + Δ·(n−1), test − Δ)} and
 * {@code <= min(test + Δ·(n−1), max time − Δ)}; in calendar months it is the guarantee itself.
 * The data's time range comes from the query's own tables ({@link #SplitPlanner(Database, PredictiveQuery)}: the
 * target table and, when timed, the entity table), so an unrelated table with later rows (say, scores written back
 * into the same database) cannot move the test anchor into a window with no labels; {@link #timeSource()} says
 * which table set it. {@link #SplitPlanner(Database, TimeWindow)} spans every table, RelBench's rule for its
 * benchmark tasks. Each choice can be overridden; overrides are checked so
 * that no label window crosses into a later split ({@code val + end <= test}, {@code train + end <= val}).
 * Months are calendar months in UTC.
 */
public final class SplitPlanner {
    public static final int DEFAULT_MAX_TRAIN_ANCHORS = 100;
    private static final long DAY_MS = 86_400_000L;

    private final long minTime;
    private final long maxTime;
    private final TimeWindow window;
    private final String timeSource;
    private Long testTime;
    private Long valTime;
    private Integer trainAnchorCount;
    private int maxTrainAnchors = DEFAULT_MAX_TRAIN_ANCHORS;
    private int maxEvalAnchors = 1;
    private Long trainAnchorStep;

    /**
     * Plans over the time range of the tables {@code query} reads: its target table and, when it has a time column,
     * its entity table. Other tables, however recent, do not move the anchors.
     */
    public SplitPlanner(Database db, PredictiveQuery query) {
        this(QueryTimes.of(db, query), query.window());
    }

    /** Plans over the time range of all of {@code db}'s time columns (RelBench's rule). */
    public SplitPlanner(Database db, TimeWindow window) {
        this(TimeRange.of(db), window, "every table's time column");
    }

    private SplitPlanner(QueryTimes times, TimeWindow window) {
        this(times.range(), window, times.describe());
    }

    private SplitPlanner(TimeRange range, TimeWindow window, String timeSource) {
        this(range.min(), range.max(), window, timeSource);
    }

    /** Plans over an explicit data time range {@code [minTime, maxTime]}, epoch ms. */
    public SplitPlanner(long minTime, long maxTime, TimeWindow window) {
        this(minTime, maxTime, window, "the given time range");
    }

    private SplitPlanner(long minTime, long maxTime, TimeWindow window, String timeSource) {
        if (minTime > maxTime) {
            throw new SchemaException("no timestamps to split on (" + timeSource + ")",
                    "load tables with a time column, or give testTime and valTime explicitly");
        }
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.window = window;
        this.timeSource = timeSource;
    }

    /**
     * Where the default anchors' data range comes from, e.g. {@code "latest row of product_holdings
     * (2024-12-31T00:00:00Z), earliest of customers (1979-09-06T00:00:00Z)"}: the default test anchor is placed
     * from the latest, train anchors stop at the earliest.
     */
    public String timeSource() {
        return timeSource;
    }

    public SplitPlanner testTime(long epochMs) {
        this.testTime = epochMs;
        return this;
    }

    public SplitPlanner valTime(long epochMs) {
        this.valTime = epochMs;
        return this;
    }

    /** Exactly this many train anchors, even if the oldest fall before the data starts (they then hold no rows). */
    public SplitPlanner trainAnchorCount(int count) {
        if (count < 1) {
            throw new SchemaException("train anchor count " + count + " is not positive", "ask for at least 1");
        }
        this.trainAnchorCount = count;
        return this;
    }

    /**
     * Train anchors {@code units} of the window's unit apart instead of {@code Δ}: e.g. 1 for monthly anchors of a
     * 3-month window. Every train window still ends by the val anchor, since the newest anchor stays {@code val - end}.
     */
    public SplitPlanner trainAnchorStep(long units) {
        if (units < 1) {
            throw new SchemaException("train anchor step " + units + " is not positive", "step at least 1 "
                    + window.unit().render() + ", or leave it out for one window (" + (window.end() - window.start())
                    + ")");
        }
        this.trainAnchorStep = units;
        return this;
    }

    /** Caps the default number of train anchors (as many as fit in the data). */
    public SplitPlanner maxTrainAnchors(int max) {
        if (max < 1) {
            throw new SchemaException("max train anchors " + max + " is not positive", "allow at least 1");
        }
        this.maxTrainAnchors = max;
        return this;
    }

    /**
     * At most this many val and this many test anchors, {@code Δ} apart (RelBench's {@code num_eval_timestamps});
     * 1, the default, is a single anchor each.
     */
    public SplitPlanner maxEvalAnchors(int max) {
        if (max < 1) {
            throw new SchemaException("max eval anchors " + max + " is not positive", "allow at least 1");
        }
        this.maxEvalAnchors = max;
        return this;
    }

    public SplitPlan plan() {
        // The default anchor is floored to UTC midnight: same guarantee (earlier is safe), readable dates.
        long test = testTime != null ? testTime
                : Math.floorDiv(window.unit().plus(maxTime, -window.end()), DAY_MS) * DAY_MS;
        long val = valTime != null ? valTime : window.unit().plus(test, -window.end());
        if (window.endTime(val) > test) {
            throw new SchemaException("the val label window (" + SplitPlan.iso(val) + " + " + window.end() + " "
                    + window.unit().render() + ") reaches past the test anchor " + SplitPlan.iso(test),
                    "move valTime back to " + SplitPlan.iso(window.unit().plus(test, -window.end()))
                            + " or earlier, so val labels never come from the test period");
        }
        long step = trainAnchorStep != null ? trainAnchorStep : window.end() - window.start();
        List<Long> train = new ArrayList<>();
        int limit = trainAnchorCount != null ? trainAnchorCount : maxTrainAnchors;
        for (int k = 0; k < limit; k++) {
            long t = window.unit().plus(val, -(window.end() + k * step));
            if (trainAnchorCount == null && t < minTime) {
                break;
            }
            train.add(t);
        }
        if (train.isEmpty()) {
            throw new SchemaException("no train anchor fits: the data starts " + SplitPlan.iso(minTime)
                    + ", and the first train window must end by the val anchor " + SplitPlan.iso(val),
                    "shorten the window, move valTime/testTime later, or set trainAnchorCount explicitly");
        }
        Collections.reverse(train);
        List<Long> valAnchors = evalAnchors(val, test);
        List<Long> testAnchors = evalAnchors(test, maxTime);
        if (testAnchors.isEmpty()) {
            testAnchors = List.of(test); // an explicit test time past the data still gets its one anchor
        }
        return new SplitPlan(train, valAnchors, testAnchors, window);
    }

    /** {@code first + i·Δ} for {@code i < maxEvalAnchors}, while the anchor's window ends by {@code limit}. */
    private List<Long> evalAnchors(long first, long limit) {
        long step = window.end() - window.start();
        List<Long> anchors = new ArrayList<>();
        for (int i = 0; i < maxEvalAnchors; i++) {
            long t = window.unit().plus(first, (long) i * step);
            if (window.endTime(t) > limit) {
                break;
            }
            anchors.add(t);
        }
        return anchors;
    }
}
