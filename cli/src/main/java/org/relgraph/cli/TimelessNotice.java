package org.relgraph.cli;

import java.io.PrintWriter;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.schema.Schema;
import org.relgraph.schema.TimelessTables;
import org.relgraph.schema.TimelessWarning;

/** Prints, before a model is built, the tables without time that it will see (see {@link TimelessWarning}). */
final class TimelessNotice {
    private TimelessNotice() {
    }

    /**
     * @param hops  how far from the entity table the model reads
     * @param reach what sets {@code hops}, for the message, e.g. "the model's 2 layers"
     */
    static void print(PrintWriter out, Schema schema, PredictiveQuery query, int hops, String reach) {
        TimelessWarning.forModel(TimelessTables.reachable(schema, query.entityTable(), hops), query.entityTable(),
                hops, reach).forEach(out::println);
        out.flush();
    }
}
