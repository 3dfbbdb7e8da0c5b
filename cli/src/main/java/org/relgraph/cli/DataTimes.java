package org.relgraph.cli;

import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;

/** The latest row time in a database: the natural "as of" when a user gives none. */
final class DataTimes {
    private DataTimes() {
    }

    static long latest(Database db) {
        long max = Long.MIN_VALUE;
        for (Table t : db.tables()) {
            if (t.timeColumn().isPresent()) {
                LongColumn c = t.timeColumn().get();
                for (int r = 0; r < c.size(); r++) {
                    if (!c.isNull(r)) {
                        max = Math.max(max, c.get(r));
                    }
                }
            }
        }
        if (max == Long.MIN_VALUE) {
            throw new SchemaException("the data has no timed rows, so there is no default as-of time",
                    "pass --as-of DATE");
        }
        return max;
    }
}
