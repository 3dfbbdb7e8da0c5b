package org.relgraph.cli;

import org.relgraph.options.SplitOptions;
import java.io.PrintWriter;
import java.util.Locale;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.TimeRange;

/** The data's time range as the "as of" of scoring and explaining: the default, and the check of a given one. */
final class DataTimes {
    /**
     * How far past the last row an as-of may lie without a warning: daily re-scoring runs on yesterday's load, and
     * a week covers weekends and holidays between loads.
     */
    static final long QUIET_DAYS_AFTER_END = 7;
    private static final long DAY_MS = 86_400_000L;

    private DataTimes() {
    }

    static long latest(Database db) {
        TimeRange range = TimeRange.of(db);
        if (range.isEmpty()) {
            throw new SchemaException("the data has no timed rows, so there is no default as-of time",
                    "pass --as-of DATE");
        }
        return range.max();
    }

    /**
     * The time to score as of: {@code asOf} (the --as-of option) or, when null, the latest row time. An as-of before
     * the data's first row is an error: no entity exists then, or only a sliver of history. One more than
     * {@link #QUIET_DAYS_AFTER_END} days after the last row is scored, but with a warning on {@code err}: every
     * entity looks inactive since the data ends, which is rarely what is meant.
     */
    static long asOf(Database db, String asOf, PrintWriter err) {
        if (asOf == null) {
            return latest(db);
        }
        long t = SplitOptions.parse("--as-of", asOf).getAsLong();
        TimeRange range = TimeRange.of(db);
        if (range.isEmpty()) {
            return t;
        }
        if (t < range.min()) {
            throw new SchemaException("--as-of " + asOf + " is before the data starts (rows span " + range + ")",
                    "pass a date within the data; without --as-of the latest row time is used");
        }
        long daysAfter = (t - range.max()) / DAY_MS;
        if (daysAfter > QUIET_DAYS_AFTER_END) {
            err.println(String.format(Locale.ROOT, "warning: --as-of %s is %,d days after the data's last row (rows "
                    + "span %s): entities are scored as if nothing happened since; load current data, or pass an "
                    + "earlier --as-of", asOf, daysAfter, range));
            err.flush();
        }
        return t;
    }
}
