package org.relgraph.benchmarks.suite;

import java.util.List;
import java.util.Locale;
import org.relgraph.schema.SchemaException;

/**
 * How big a benchmark run is. {@code quick} took 10 minutes on 2 shared cores (small bank, few anchors and
 * epochs; rel-f1 with RelBench's full protocol); {@code full} uses a 100k-customer bank, RelBench's full rel-f1
 * protocol and more epochs; {@code tiny} is for tests (a 600-customer bank, bank tasks only).
 *
 * @param relF1MaxTrainAnchors cap on rel-f1 train anchors (RelBench uses all of them)
 * @param tasks                task ids to run (empty = the suite's own list)
 * @param models               model ids to run (empty = all)
 * @param excludedTables       tables to leave out of every task's data that has them, beside each task's own
 * @param leakageAudit         run the leakage audit on every fitted model ({@code bench --leakage-audit}); off by
 *                             default, as it adds a validation pass per table and entity column to every run
 */
public record SuiteSettings(String name, int bankCustomers, int bankTrainAnchors, int gnnEpochs, int gnnHidden,
                            int relF1MaxTrainAnchors, int relF1EvalAnchors, long seed, List<String> tasks,
                            List<String> models, List<String> excludedTables, boolean leakageAudit) {
    /**
     * The models a suite runs when {@code --models} names none: every kind's name but those of kinds that combine
     * other kinds' models (ensembles, blends), which retrain their members and so cost several fits each.
     */
    public static final List<String> ALL_MODELS = org.relgraph.models.ModelKinds.ALL.stream()
            .filter(k -> !k.combinesModels()).map(org.relgraph.models.ModelKind::name).distinct().toList();
    /** The combining kinds' names ({@code gnn-ensemble}, {@code gnn-xgb-blend}): run only when named. */
    public static final List<String> COMBINED_MODELS = org.relgraph.models.ModelKinds.ALL.stream()
            .filter(org.relgraph.models.ModelKind::combinesModels).map(org.relgraph.models.ModelKind::name)
            .distinct().filter(n -> !ALL_MODELS.contains(n)).toList();

    public SuiteSettings {
        tasks = List.copyOf(tasks);
        models = List.copyOf(models);
        excludedTables = excludedTables == null ? List.of() : List.copyOf(excludedTables);
    }

    public SuiteSettings(String name, int bankCustomers, int bankTrainAnchors, int gnnEpochs, int gnnHidden,
                         int relF1MaxTrainAnchors, int relF1EvalAnchors, long seed, List<String> tasks,
                         List<String> models) {
        this(name, bankCustomers, bankTrainAnchors, gnnEpochs, gnnHidden, relF1MaxTrainAnchors, relF1EvalAnchors,
                seed, tasks, models, List.of(), false);
    }

    public static SuiteSettings named(String suite, long seed) {
        return switch (suite.toLowerCase(Locale.ROOT)) {
            case "tiny" -> new SuiteSettings("tiny", 600, 2, 1, 16, 0, 0, seed,
                    List.of("bank-mortgage", "bank-nba"), List.of());
            // rel-f1 keeps RelBench's full protocol even in quick: fewer anchors would change the task and make the
            // published numbers meaningless to compare against.
            case "quick" -> new SuiteSettings("quick", 5_000, 4, 3, 64, 1000, 40, seed, List.of(), List.of());
            case "full" -> new SuiteSettings("full", 100_000, 6, 10, 64, 1000, 40, seed, List.of(), List.of());
            default -> throw new SchemaException("unknown suite '" + suite + "'", "use --suite quick or full");
        };
    }

    public SuiteSettings withTasks(List<String> ids) {
        return new SuiteSettings(name, bankCustomers, bankTrainAnchors, gnnEpochs, gnnHidden, relF1MaxTrainAnchors,
                relF1EvalAnchors, seed, ids, models, excludedTables, leakageAudit);
    }

    public SuiteSettings withModels(List<String> ids) {
        for (String m : ids) {
            if (!ALL_MODELS.contains(m) && !COMBINED_MODELS.contains(m)) {
                throw new SchemaException("unknown model '" + m + "'", "models: " + String.join(", ", ALL_MODELS)
                        + ", and when named: " + String.join(", ", COMBINED_MODELS));
            }
        }
        return new SuiteSettings(name, bankCustomers, bankTrainAnchors, gnnEpochs, gnnHidden, relF1MaxTrainAnchors,
                relF1EvalAnchors, seed, tasks, ids, excludedTables, leakageAudit);
    }

    public SuiteSettings withBankCustomers(int n) {
        return new SuiteSettings(name, n, bankTrainAnchors, gnnEpochs, gnnHidden, relF1MaxTrainAnchors,
                relF1EvalAnchors, seed, tasks, models, excludedTables, leakageAudit);
    }

    public SuiteSettings withExcludedTables(List<String> names) {
        return new SuiteSettings(name, bankCustomers, bankTrainAnchors, gnnEpochs, gnnHidden, relF1MaxTrainAnchors,
                relF1EvalAnchors, seed, tasks, models, names, leakageAudit);
    }

    public SuiteSettings withLeakageAudit(boolean on) {
        return new SuiteSettings(name, bankCustomers, bankTrainAnchors, gnnEpochs, gnnHidden, relF1MaxTrainAnchors,
                relF1EvalAnchors, seed, tasks, models, excludedTables, on);
    }

    /** The models this run fits, in the registry's order: the default ones, then the combining ones named. */
    public List<String> modelsToRun() {
        if (models.isEmpty()) {
            return ALL_MODELS;
        }
        return java.util.stream.Stream.concat(ALL_MODELS.stream(), COMBINED_MODELS.stream())
                .filter(models::contains).toList();
    }
}
