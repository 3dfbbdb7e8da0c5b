package org.relgraph.cli;

import org.relgraph.options.SplitOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Parses a predictive query against the data, prints its plan and splits, and writes training tables. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {
            "Parse a predictive query (PQL) against a database, print the plan, the inferred task type and the "
                + "temporal train/val/test split summary, and optionally write the leakage-free training tables.",
            "",
            "Examples:",
            "  relgraph query --dataset bank --query \"PREDICT BOOL(PRODUCT_HOLDINGS.PRODUCT = 'Mortgage', 0, 6, "
                + "months) FOR EACH CUSTOMERS.CUSTOMER_ID WHERE PRODUCT_HOLDINGS.PRODUCT != 'Mortgage'\"",
            "  relgraph query --dataset rel-f1 --val-time 2005-01-01 --test-time 2010-01-01 --eval-anchors 40 \\",
            "      --query-file dnf.pql --out dnf.parquet",
            "",
            "Windows are (anchor + start, anchor + end]; labels read only rows inside it, filters only rows at or "
                + "before the anchor. See docs/PQL.md.",
            ""
        })
public final class QueryCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Mixin
    QueryInput query;

    @Mixin
    SplitOptions splits;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write the train/val/test rows (entity key, anchor time, label, split) to FILE "
                    + "(.csv or .parquet).")
    Path out;

    @Option(names = "--force",
            description = "Replace the --out file even if relgraph did not write it. Without it, an existing file "
                    + "is replaced only if it is a training table relgraph wrote.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        splits.checkRanges(); // before the load, as train and baseline do
        if (out != null) {
            TrainingTableWriter.checkDestination(out, ReplacePolicy.force(force)); // before the load
        }
        TrainingSplits tables = PreparedTask.load(data, query, splits, spec, task -> {
            pw.println(task.query().plan());
            pw.println("Task type: " + task.query().taskType());
            int layers = org.relgraph.gnn.model.GnnConfig.defaults().layers();
            TimelessNotice.print(pw, task.data().schema(), task.query(), layers,
                    "a GNN with the default " + layers + " layers");
        }).tables();
        if (out != null) {
            TrainingTableWriter.write(tables, out, ReplacePolicy.force(force));
            pw.println("Wrote " + (tables.train().size() + tables.val().size() + tables.test().size())
                    + " rows to " + out);
        }
        pw.flush();
        return 0;
    }
}
