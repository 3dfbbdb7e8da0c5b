package org.relgraph.cli;

import org.relgraph.options.SplitOptions;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;
import org.relgraph.models.api.Task;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The preamble train, baseline and query share: the data loaded (progress on stderr), the query bound to it
 * (warnings on stderr), what the command says about the task, then the split planned and its tables built and
 * summarised on stdout.
 */
record PreparedTask(Task task, SplitPlan plan, TrainingSplits tables) {
    /**
     * @param header prints what the command says about the bound task before the split (e.g. its type and the
     *               tables without time the model will read)
     */
    static PreparedTask load(DataOptions data, QueryInput query, SplitOptions splits, CommandSpec spec,
                             Consumer<Task> header) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Database db = data.loadDatabase(spec.commandLine().getErr());
        Task task = query.bind(db, spec.commandLine().getErr());
        header.accept(task);
        SplitPlan plan = splits.plan(task, out);
        long start = System.nanoTime();
        TrainingSplits tables = task.tables(plan);
        spec.commandLine().getErr().printf(Locale.ROOT, "Built the training tables in %.1f s; peak %s so far%n",
                (System.nanoTime() - start) / 1e9, PeakMemory.describe());
        out.println(tables);
        return new PreparedTask(task, plan, tables);
    }

    Database db() {
        return task.data();
    }

    PredictiveQuery query() {
        return task.query();
    }
}
