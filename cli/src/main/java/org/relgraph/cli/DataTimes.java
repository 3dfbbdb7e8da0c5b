package org.relgraph.cli;

import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.TimeRange;

/** The latest row time in a database: the natural "as of" when a user gives none. */
final class DataTimes {
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
}
