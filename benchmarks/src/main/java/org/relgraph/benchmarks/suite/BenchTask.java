package org.relgraph.benchmarks.suite;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.datasets.f1.RelF1Dataset;
import org.relgraph.datasets.f1.RelF1Task;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * One benchmark task: a dataset, a predictive query, how its anchors are placed, and published reference numbers.
 *
 * @param dataset   {@code bank}, {@code rel-f1} or {@code berka}
 * @param metric    the headline metric ({@code auroc}, {@code mae} or {@code map@3}); lower is better for mae
 * @param dropTables    tables left out of the database for this task, because they leak its label (and any the
 *                      user left out with {@code bench --exclude-tables})
 * @param inputCutoffMs the latest time any model input may read, or null (RelBench: its test time, 2010-01-01)
 * @param published reference numbers for the headline metric on test, by source (RelBench's own scale: AUROC in
 *                  percent is converted to 0..1 here)
 */
public record BenchTask(String id, String title, String dataset, List<String> dropTables, String query,
                        String metric, Long inputCutoffMs,
                        Map<String, Double> published, Planner planner) {
    /** Places the anchors of a task on its data. */
    public interface Planner {
        SplitPlan plan(Database db, PredictiveQuery query, SuiteSettings settings);
    }

    static final String MORTGAGE = BankQueries.MORTGAGE;
    static final String NBA = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted') FOR EACH "
            + "CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.SEGMENT IN ('Mass Affluent','Premier')";
    /**
     * An account with no loan so far takes one within 3 months. Until 2026-12-07 the window was 6 months with one
     * test anchor (1994-05-01), which left one train anchor (376 accounts, 8 positives): see docs/MODEL-TUNING.md,
     * "Berka with more anchors".
     */
    static final String BERKA_LOAN = "PREDICT COUNT(loan.*, 0, 3, months) > 0 FOR EACH account.account_id "
            + "WHERE COUNT(loan.*, -1200, 0, months) = 0";
    /** The bank's test anchor: a month start, so the generator's oracle can be evaluated at exactly that anchor. */
    static final LocalDate BANK_TEST = LocalDate.of(2024, 6, 1);
    /**
     * Berka's first test anchor. Its transactions end 1994-10-31 but its loans run to 1998, so an anchor up to
     * 1994-11-01 sees an account's whole history and its label window may run past the transactions. Test:
     * 1994-08-01 and 1994-11-01 (labels August 1994 to January 1995); val 1994-05-01; train every 3 months from
     * 1993-02-01 to 1994-02-01, whose windows tile the loans from February 1993 to April 1994.
     */
    static final LocalDate BERKA_TEST = LocalDate.of(1994, 8, 1);
    /** Test anchors for Berka: 1994-08-01 and 1994-11-01, the last one whose history is complete. */
    static final int BERKA_TEST_ANCHORS = 2;

    /** This task with {@code more} tables left out beside its own (the user's {@code --exclude-tables}). */
    public BenchTask leavingOut(List<String> more) {
        List<String> all = new java.util.ArrayList<>(dropTables);
        more.stream().filter(m -> all.stream().noneMatch(m::equalsIgnoreCase)).forEach(all::add);
        return all.size() == dropTables.size() ? this
                : new BenchTask(id, title, dataset, all, query, metric, inputCutoffMs, published, planner);
    }

    public boolean lowerIsBetter() {
        return metric.equals("mae");
    }

    public static List<BenchTask> all() {
        return List.of(
                new BenchTask("bank-mortgage", "Bank: mortgage within 6 months", "bank", List.of(), MORTGAGE, "auroc", null, Map.of(),
                        (db, q, s) -> new SplitPlanner(db, q.window()).testTime(millis(BANK_TEST))
                                .trainAnchorCount(s.bankTrainAnchors()).plan()),
                new BenchTask("bank-nba", "Bank: next best action (offer × channel)", "bank", List.of(), NBA, "map@3",
                        null, Map.of(), (db, q, s) -> new SplitPlanner(db, q.window()).testTime(millis(BANK_TEST))
                                .trainAnchorCount(s.bankTrainAnchors() * 3).plan()),
                relF1(RelF1Task.DRIVER_DNF, "auroc", 0.7262, 0.6856),
                relF1(RelF1Task.DRIVER_TOP3, "auroc", 0.7554, 0.7392),
                relF1(RelF1Task.DRIVER_POSITION, "mae", 4.022, 4.170),
                new BenchTask("berka-loan", "Berka: account takes a loan within 3 months", "berka",
                        // Standing orders have no time: the table is the 1998 end state, so accounts that take a
                        // loan later already carry a "loan payment" order at every anchor (flat-xgboost reached
                        // AUROC 0.97 on that feature alone). Without a time it cannot be cut, so it goes.
                        List.of("orders"), BERKA_LOAN,
                        "auroc", null, Map.of(), (db, q, s) -> new SplitPlanner(db, q.window())
                                .testTime(millis(BERKA_TEST)).maxEvalAnchors(BERKA_TEST_ANCHORS).plan()));
    }

    private static BenchTask relF1(RelF1Task task, String metric, double gnn, double lightGbm) {
        Map<String, Double> published = new LinkedHashMap<>();
        published.put("RelBench GNN", gnn);
        published.put("RelBench LightGBM", lightGbm);
        return new BenchTask("f1-" + task.taskName(), "rel-f1 " + task.taskName(), "rel-f1", List.of(), task.query(), metric,
                RelF1Dataset.TEST_TIME.toEpochMilli(), published, (db, q, s) -> task.splitPlanner(db).maxEvalAnchors(s.relF1EvalAnchors())
                        .maxTrainAnchors(s.relF1MaxTrainAnchors()).plan());
    }

    public static BenchTask byId(String id) {
        return all().stream().filter(t -> t.id.equalsIgnoreCase(id)).findFirst().orElseThrow(() ->
                new SchemaException("unknown benchmark task '" + id + "'", "tasks: "
                        + String.join(", ", all().stream().map(BenchTask::id).toList())));
    }

    static long millis(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }
}
