package org.relgraph.cli;

import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.options.OptionChecks;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.io.OutputFolder;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.api.Explanations;
import org.relgraph.models.api.Scoring;
import org.relgraph.models.api.Training;
import org.relgraph.models.explain.EntityExplanation;
import org.relgraph.models.output.ScoreOutputs;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.models.output.TerminalTable;
import org.relgraph.models.output.WriteOptions;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlan;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The main job on the embedded default: synthetic bank → train → evaluate → predict, all under demo-out/. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {
            "Run the whole pipeline on the synthetic bank: generate 10,000 customers, train the mortgage propensity "
                + "GNN from one predictive query, report test metrics against the generator's oracle, and print "
                + "the top of the ranked propensity list; then train the next-best-action GNN (offer x channel), "
                + "compare its MAP with the popularity baseline and print the top recommendations (only products "
                + "the customer does not hold and the catalog offers its segment), one per customer and the best "
                + "three per customer. Everything is written under --out (default demo-out/).",
            ""
        })
public final class DemoCommand implements Callable<Integer> {
    static final String MORTGAGE = BankQueries.MORTGAGE;
    /**
     * Next best action among what the bank can send: its OFFERING rule leaves out products the customer holds
     * (active holdings opened by the date) and products the catalog does not market to the customer's segment.
     */
    static final String NEXT_BEST_ACTION = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 30, days) "
            + "FOR EACH CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.SEGMENT IN ('Mass Affluent', 'Premier') "
            + "OFFERING INTERACTION_HISTORY.OFFER_SHOWN = PRODUCT_CATALOG.PRODUCT_NAME "
            + "NOT HELD PRODUCT_HOLDINGS.PRODUCT_ID WHERE PRODUCT_HOLDINGS.STATUS = 'active' "
            + "ELIGIBLE CUSTOMERS.SEGMENT >= PRODUCT_CATALOG.ELIGIBILITY_SEGMENT "
            + "ORDER ('Mass Market', 'Mass Affluent', 'Premier')";
    /** Actions per customer in the demo's second next-best-action file. */
    static final int NBA_PER_CUSTOMER = 3;
    /** Val and test anchors for next best action: a few percent of offers are accepted, so one month is too few. */
    static final int NBA_EVAL_ANCHORS = 3;
    private static final long MONTH_MS = 30L * 86_400_000L;
    private static final String MORTGAGE_MODEL = "mortgage-model";
    private static final String MORTGAGE_SCORES = "mortgage_scores.csv";
    private static final String NBA_MODEL = "nba-model";
    private static final String NBA_SCORES = "next_best_action.csv";

    @Option(names = "--out", defaultValue = "demo-out", paramLabel = "DIR", description = "Output folder "
            + "(default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--customers", defaultValue = "10000", paramLabel = "N",
            description = "Bank size (default ${DEFAULT-VALUE}).")
    int customers;

    @Option(names = "--epochs", defaultValue = "3", paramLabel = "N",
            description = "Training epochs (default ${DEFAULT-VALUE}, to stay within a few minutes on 2 cores).")
    int epochs;

    @Option(names = "--train-anchors", defaultValue = "4", paramLabel = "N",
            description = "Monthly-spaced train anchors (default ${DEFAULT-VALUE}).")
    int trainAnchors;

    @Option(names = "--nba-epochs", defaultValue = "20", paramLabel = "N",
            description = "Epochs of the next-best-action model (default ${DEFAULT-VALUE}).")
    int nbaEpochs;

    @Option(names = "--nba-train-anchors", defaultValue = "12", paramLabel = "N",
            description = "Monthly train anchors of the next-best-action model (default ${DEFAULT-VALUE}).")
    int nbaTrainAnchors;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for data and model (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Replace the demo's models and score files under --out even if "
            + "relgraph did not write them.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter pw = spec.commandLine().getOut();
        OptionChecks.atLeast("--customers", customers, 1, "the synthetic bank's size, e.g. --customers 10000");
        OptionChecks.atLeast("--epochs", epochs, 1, "training epochs, e.g. --epochs 3");
        OptionChecks.atLeast("--train-anchors", trainAnchors, 1, "monthly train anchors, e.g. --train-anchors 4");
        OptionChecks.atLeast("--nba-epochs", nbaEpochs, 1, "training epochs, e.g. --nba-epochs 20");
        OptionChecks.atLeast("--nba-train-anchors", nbaTrainAnchors, 1, "monthly train anchors, e.g. 12");
        long start = System.nanoTime();
        ReplacePolicy replace = ReplacePolicy.force(force);
        // Every destination is checked before minutes of generating and training, not after.
        OutputFolder.checkDestination(out.resolve(MORTGAGE_MODEL), replace);
        OutputFolder.checkDestination(out.resolve(NBA_MODEL), replace);
        Files.createDirectories(out);
        ScoreOutputs.checkDestination(out.resolve(MORTGAGE_SCORES).toString(), replace);
        ScoreOutputs.checkDestination(out.resolve(NBA_SCORES).toString(), replace);
        Path data = out.resolve("bank-data");
        BankConfig bank = BankConfig.of(customers, seed);
        if (!Files.isRegularFile(data.resolve("schema.yaml"))) {
            pw.println("1/6 Generating the synthetic bank (" + customers + " customers) into " + data);
            pw.flush();
            try (ProgressBar bar = new ProgressBar("generate", customers, "customers")) {
                new BankGenerator(bank).generate(data, bar::update);
            }
        } else {
            pw.println("1/6 Reusing the synthetic bank in " + data);
        }
        Database db = DataSources.open(data.toString()).load().database();

        pw.println("2/6 Query: " + MORTGAGE);
        PredictiveQuery q = PredictiveQuery.parse(MORTGAGE, db.schema());
        SplitPlan plan = new SplitPlanner(db, q.window()).trainAnchorCount(trainAnchors).plan();
        TrainingSplits tables = new TrainingTableBuilder(db, q).build(plan);
        pw.println(tables);
        GnnConfig config = GnnConfig.defaults().withEpochs(epochs).withSeed(seed);
        pw.printf(Locale.ROOT, "3/6 Training the GNN (%d layers, hidden %d, fanouts %s, %d epochs)%n",
                config.layers(), config.hidden(), java.util.Arrays.toString(config.fanouts()), epochs);
        pw.flush();
        Path modelDir = out.resolve(MORTGAGE_MODEL);
        try (EntityModel predictor = Training.gnn(db, q, tables, config, TrainingListener.NONE)) {
            predictor.save(modelDir, replace);
            double auroc = predictor.metrics().getOrDefault("test_auroc", Double.NaN);
            pw.printf(Locale.ROOT, "    test AUROC %.3f, lift@10%% %.2f, offers saved at equal conversions "
                            + "(top 20%%) %.0f%%; model bundle %s%n", auroc,
                    predictor.metrics().getOrDefault("test_lift@10%", Double.NaN),
                    100 * predictor.metrics().getOrDefault("test_offers_saved@20%", Double.NaN), modelDir);
            pw.println("    (the generator's Bayes-optimal AUROC for this task is about 0.84: see datasets/README.md)");

            long asOf = DataTimes.latest(db);
            pw.println("4/6 Scoring every eligible customer as of " + Instant.ofEpochMilli(asOf));
            ScoreTable scores = Scoring.of(predictor, db).progress(pw::println).asOf(asOf);
            Path csv = out.resolve(MORTGAGE_SCORES);
            LocalDate day = Instant.ofEpochMilli(asOf).atZone(ZoneOffset.UTC).toLocalDate();
            ScoreOutputs.write(csv.toString(), new WriteOptions(day, MORTGAGE_MODEL), replace, scores);
            pw.print(new TerminalTable(10, 32).render(scores));
            pw.println("Wrote " + csv);
            printTopReasons(predictor, db, scores, asOf, pw);
        }
        nextBestAction(db, replace, pw);
        pw.printf(Locale.ROOT, "Demo finished in %.1f s (peak memory %s). Outputs in %s%n",
                (System.nanoTime() - start) / 1e9, PeakMemory.describe(), out.toAbsolutePath());
        pw.flush();
        return 0;
    }

    /** Steps 5 and 6: the next-best-action model on the same bank, against the popularity baseline. */
    private void nextBestAction(Database db, ReplacePolicy replace, PrintWriter pw) throws java.io.IOException {
        pw.println("5/6 Next best action: " + NEXT_BEST_ACTION);
        PredictiveQuery q = PredictiveQuery.parse(NEXT_BEST_ACTION, db.schema());
        // Default test anchor moved back so that NBA_EVAL_ANCHORS monthly val and test anchors fit before it.
        long lastTest = new SplitPlanner(db, q.window()).plan().testAnchor();
        long test = lastTest - (NBA_EVAL_ANCHORS - 1) * MONTH_MS;
        SplitPlan plan = new SplitPlanner(db, q.window()).testTime(test).valTime(test - NBA_EVAL_ANCHORS * MONTH_MS)
                .maxEvalAnchors(NBA_EVAL_ANCHORS).trainAnchorCount(nbaTrainAnchors).plan();
        TrainingSplits tables = new TrainingTableBuilder(db, q).build(plan);
        pw.println(tables);
        GnnConfig config = GnnConfig.defaults().withEpochs(nbaEpochs).withSeed(seed);
        pw.printf(Locale.ROOT, "    training the ranking GNN (%d epochs, every offer x channel scored per customer)%n",
                nbaEpochs);
        pw.flush();
        long t0 = System.nanoTime();
        Path modelDir = out.resolve(NBA_MODEL);
        try (EntityModel ranker = Training.gnn(db, q, tables, config, TrainingListener.NONE)) {
            ranker.save(modelDir, replace);
            Map<String, Double> m = ranker.metrics();
            var actions = ranker.asActionRanker().orElseThrow().actions();
            pw.printf(Locale.ROOT, "    trained in %.0f s; %d candidate actions %s; model bundle %s%n",
                    (System.nanoTime() - t0) / 1e9, actions.size(), actions.columns(), modelDir);
            pw.printf(Locale.ROOT, "    test MAP@3 %.3f (popularity baseline %.3f), NDCG@3 %.3f (%.3f), hit@1 %.3f "
                            + "(%.3f), AUROC of shown offers %.3f, over %.0f customers who accepted something%n",
                    m.get("test_map@3"), m.get("test_popularity_map@3"), m.get("test_ndcg@3"),
                    m.get("test_popularity_ndcg@3"), m.get("test_hit@1"), m.get("test_popularity_hit@1"),
                    m.get("test_shown_auroc"), m.get("test_entities"));
            long asOf = DataTimes.latest(db);
            pw.println("6/6 Recommending the next best action to every eligible customer as of "
                    + Instant.ofEpochMilli(asOf));
            ScoreTable scores = Scoring.of(ranker, db).progress(pw::println).asOf(asOf);
            Path csv = out.resolve(NBA_SCORES);
            LocalDate day = Instant.ofEpochMilli(asOf).atZone(ZoneOffset.UTC).toLocalDate();
            ScoreOutputs.write(csv.toString(), new WriteOptions(day, NBA_MODEL), replace, scores);
            pw.print(new TerminalTable(10, 32).render(scores));
            pw.println("Wrote " + csv);
            ScoreTable perCustomer = Scoring.of(ranker, db).actionsPerEntity(NBA_PER_CUSTOMER).asOf(asOf);
            Path perCustomerCsv = out.resolve("next_best_actions_top" + NBA_PER_CUSTOMER + ".csv");
            ScoreOutputs.write(perCustomerCsv.toString(), new WriteOptions(day, "nba-model"), perCustomer);
            pw.println("Each customer's " + NBA_PER_CUSTOMER + " best actions, PRIORITY 1.." + NBA_PER_CUSTOMER
                    + " within the customer (predict --per-entity " + NBA_PER_CUSTOMER + "):");
            pw.print(new TerminalTable(2 * NBA_PER_CUSTOMER, 32).render(perCustomer));
            pw.println("Wrote " + perCustomerCsv);
            printTopReasons(ranker, db, scores, asOf, pw);
        }
    }

    /** The top 3 reasons of the 3 best-scored customers: what a banker would ask next. */
    private static void printTopReasons(EntityModel predictor, Database db, ScoreTable scores, long asOf,
                                        PrintWriter pw) {
        List<String> keys = Explanations.keys(scores, 3);
        pw.println("Why the top " + keys.size() + " (integrated gradients; relgraph explain --entity ID shows more):");
        for (EntityExplanation e : Explanations.of(predictor, db).explain(keys, asOf, 3)) {
            pw.println("  " + e.key() + (e.action() == null ? "" : " (" + e.action() + ")") + ":");
            e.reasons().forEach(r -> pw.println("    " + r.text()));
        }
    }
}
