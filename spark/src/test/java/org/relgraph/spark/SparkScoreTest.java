package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.models.api.Scoring;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Column;
import org.relgraph.table.Database;

/**
 * {@code score} against {@code relgraph predict}: a small GNN trained on a generated bank scores the population of
 * two as-of dates on one machine ({@link Scoring}, what predict runs) and through the Spark jobs (neighbourhoods of
 * those (customer, date) seeds, then score on local[2]); every score agrees within 1e-5, on the same customers,
 * with the same columns. With child summaries, {@code neighbourhoods --model} computes them on Spark.
 */
class SparkScoreTest {
    static final String MORTGAGE = BankQueries.MORTGAGE;
    static final double TOLERANCE = 1e-5;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path bank;
    static Database db;
    static PredictiveQuery query;
    static Path plainModel;
    static Path summaryModel;
    static long[] asOf;
    static Path seeds;
    static Path neighbourhoods;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.session();
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(300, 5)).generate(bank);
        db = DataSources.open(bank.toString()).load().database();
        query = PredictiveQuery.parse(MORTGAGE, db.schema());
        SplitPlanner planner = new SplitPlanner(db, query.window());
        planner.maxTrainAnchors(3);
        TrainingSplits splits = new TrainingTableBuilder(db, query).build(planner.plan());
        GnnConfig small = GnnConfig.defaults().withHidden(16).withFanouts(4, 3).withBatchSize(64).withEpochs(1)
                .withSeed(3);
        plainModel = train(splits, small.withChildSummaries(false), "plain-model");
        summaryModel = train(splits, small, "summary-model");
        asOf = new long[] {splits.val().anchors().get(0), splits.test().anchors().get(0)};
        seeds = tmp.resolve("population.csv");
        writeSeeds(seeds, asOf);
        neighbourhoods = tmp.resolve("neighbourhoods");
        run("neighbourhoods", "--data", bank.toString(), "--labels", seeds.toString(), "--fanouts", "4,3",
                "--buckets", "2", "--out", neighbourhoods.toString());
    }

    private static Path train(TrainingSplits splits, GnnConfig config, String name) throws IOException {
        Path dir = tmp.resolve(name);
        try (GnnPredictor p = GnnPredictor.train(db, query, splits, config, TrainingListener.NONE)) {
            p.save(dir);
        }
        return dir;
    }

    /** The scoring population of each date as a training-table file: what neighbourhoods takes as seeds. */
    private static void writeSeeds(Path file, long[] dates) throws IOException {
        Column keys = db.table("customers").requireColumn("customer_id");
        StringBuilder csv = new StringBuilder("customer_id,anchor_time,label,split\n");
        for (long t : dates) {
            for (int row : new TrainingTableBuilder(db, query).population(t)) {
                csv.append(keys.format(row)).append(',').append(Instant.ofEpochMilli(t)).append(",0,test\n");
            }
        }
        Files.writeString(file, csv);
    }

    @Test
    void scoresEqualPredictWithinTolerancePerDate() throws IOException {
        Path out = tmp.resolve("plain-scores");
        String printed = run("score", "--model", plainModel.toString(), "--data", bank.toString(), "--neighbourhoods",
                neighbourhoods.toString(), "--out", out.toString());
        assertTrue(printed.contains("(2 as-of dates)"), printed);
        sameAsPredict(plainModel, out);
    }

    /**
     * The whole Spark path of a default model: neighbourhoods with {@code --model} (its fanouts, its child summaries
     * computed on Spark) then score, equal to predict; summaries stored for another encoding are refused.
     */
    @Test
    void neighbourhoodsWithTheModelThenScoreGiveThePredictScores() throws IOException {
        Path dir = summaryNeighbourhoods();
        assertTrue(summaryNeighbourhoodsPrinted.contains(" child summaries to "), summaryNeighbourhoodsPrinted);
        Path out = tmp.resolve("summary-scores");
        run("score", "--model", summaryModel.toString(), "--data", bank.toString(), "--neighbourhoods",
                dir.toString(), "--out", out.toString());
        sameAsPredict(summaryModel, out);

        Path other = tmp.resolve("summaries-of-another-encoding");
        copy(dir, other);
        Path json = other.resolve("neighbourhoods.json");
        Files.writeString(json, Files.readString(json).replaceAll("\"encoding_sha256\": \"sha256:[0-9a-f]+\"",
                "\"encoding_sha256\": \"sha256:00\""));
        SparkLabelsTest.Result r = score(summaryModel, other, tmp.resolve("refused-other"));
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --neighbourhoods " + other + " hold the child summaries of another "
                + "model ("), r.err());
        assertTrue(r.err().contains("hint: run neighbourhoods with --model " + summaryModel), r.err());
    }

    /**
     * PostgreSQL through predict's own writer: each date's rows replace that date's rows in one transaction, so a
     * second run leaves one copy, and rows of other dates stay (needs RELGRAPH_TEST_PG_URL).
     */
    @Test
    void postgresOutputHoldsEachDatesScoresOnceAfterTwoRuns() throws Exception {
        String url = System.getenv("RELGRAPH_TEST_PG_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "RELGRAPH_TEST_PG_URL is not set");
        String table = "spark_scores_" + Long.toHexString(System.nanoTime());
        String out = url + (url.contains("?") ? "&" : "?") + "table=" + table;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            try {
                for (int i = 0; i < 2; i++) {
                    run("score", "--model", plainModel.toString(), "--data", bank.toString(), "--neighbourhoods",
                            neighbourhoods.toString(), "--out", out);
                }
                Map<String, Integer> perDate = new java.util.TreeMap<>();
                try (var rs = c.createStatement().executeQuery("SELECT as_of_date::text, count(*), "
                        + "count(DISTINCT customer_id) FROM " + table + " GROUP BY 1")) {
                    while (rs.next()) {
                        assertEquals(rs.getInt(2), rs.getInt(3), "one row per customer on " + rs.getString(1));
                        perDate.put(rs.getString(1), rs.getInt(2));
                    }
                }
                try (GnnPredictor p = GnnPredictor.load(plainModel, db)) {
                    Map<String, Integer> want = new java.util.TreeMap<>();
                    for (long t : asOf) {
                        want.put(Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate().toString(),
                                Scoring.of(p, db).asOf(t).rowCount());
                    }
                    assertEquals(want, perDate);
                }
            } finally {
                c.createStatement().execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static String summaryNeighbourhoodsPrinted;

    /** The seeds' neighbourhoods with the summary model's child summaries ({@code neighbourhoods --model}), once. */
    private static synchronized Path summaryNeighbourhoods() {
        Path dir = tmp.resolve("neighbourhoods-with-summaries");
        if (summaryNeighbourhoodsPrinted == null) {
            summaryNeighbourhoodsPrinted = run("neighbourhoods", "--data", bank.toString(), "--labels",
                    seeds.toString(), "--model", summaryModel.toString(), "--buckets", "2", "--out", dir.toString());
        }
        return dir;
    }

    // --- explanations: score --explain K against predict --explain K ---

    static final int REASONS = 3;
    /** predict explains a few more than the job keeps: scores within 1e-7 could swap places at the cut. */
    static final int MARGIN = 5;

    /** Without child summaries: every row's REASON_1..3 are predict --explain's, on both dates. */
    @Test
    void explanationsWithoutChildSummariesEqualPredictExplain() throws IOException {
        Path out = tmp.resolve("plain-explained");
        String printed = run("score", "--model", plainModel.toString(), "--data", bank.toString(),
                "--neighbourhoods", neighbourhoods.toString(), "--out", out.toString(), "--explain", "" + REASONS);
        assertTrue(printed.contains(", 3 reasons each)"), printed);
        sameReasonsAsPredict(plainModel, out, 0);
    }

    /**
     * With child summaries (computed on Spark by neighbourhoods --model): the reasons that count the customer's
     * child rows (all of them up to the date, not only the sampled ones) are predict's too.
     */
    @Test
    void explanationsWithChildSummariesEqualPredictExplain() throws IOException {
        Path out = tmp.resolve("summary-explained");
        run("score", "--model", summaryModel.toString(), "--data", bank.toString(), "--neighbourhoods",
                summaryNeighbourhoods().toString(), "--out", out.toString(), "--explain", "" + REASONS, "--top", "40");
        int counted = sameReasonsAsPredict(summaryModel, out, 40 + MARGIN);
        assertTrue(counted > 0, "no reason counted the customers' child rows (\"in last\")");
    }

    /**
     * With --top, only the rows --top keeps are explained (the command counts them: 15 per date, not the ~300 seeds
     * of each), and each kept row's REASON texts are exactly those of explaining every seed (no --top).
     */
    @Test
    void withTopOnlyTheKeptRowsAreExplainedWithTheTextsOfExplainingAll() throws IOException {
        Path all = tmp.resolve("explained-all");
        String printedAll = run("score", "--model", plainModel.toString(), "--data", bank.toString(),
                "--neighbourhoods", neighbourhoods.toString(), "--out", all.toString(), "--explain", "2");
        assertTrue(!printedAll.contains("Explained "), printedAll);
        Path cut = tmp.resolve("explained-top");
        String printed = run("score", "--model", plainModel.toString(), "--data", bank.toString(),
                "--neighbourhoods", neighbourhoods.toString(), "--out", cut.toString(), "--explain", "2", "--top",
                "15");
        assertTrue(printed.contains("Explained 30 seeds (the rows --top 15 keeps of each date)"), printed);
        int compared = 0;
        for (long t : asOf) {
            String date = "as_of=" + Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate();
            Map<String, List<String>> want = new HashMap<>();
            List<Row> allRows = spark.read().parquet(all.resolve(date).resolve(ScoreCommand.SCORES_FILE).toString())
                    .collectAsList();
            assertTrue(allRows.size() > 100, "rows explained without --top: " + allRows.size());
            for (Row r : allRows) {
                want.put(r.getString(0), List.of(r.getString(r.length() - 2), r.getString(r.length() - 1)));
            }
            List<Row> got = spark.read().parquet(cut.resolve(date).resolve(ScoreCommand.SCORES_FILE).toString())
                    .collectAsList();
            assertEquals(15, got.size());
            for (Row r : got) {
                assertEquals(want.get(r.getString(0)), List.of(r.getString(r.length() - 2),
                        r.getString(r.length() - 1)), "customer " + r.getString(0) + " " + date);
                assertTrue(r.getString(r.length() - 2) != null, "no reason for " + r.getString(0));
                compared++;
            }
        }
        assertEquals(30, compared);
    }

    /** score declares --explain through the shared mixin: relgraph predict's help shows the same text. */
    @Test
    void helpShowsTheSharedExplainText() {
        String shared = String.join(" ", new picocli.CommandLine(new org.relgraph.options.ExplainOption())
                .getCommandSpec().findOption("--explain").description());
        SparkLabelsTest.Result r = SparkLabelsTest.run("score", "--help");
        assertEquals(0, r.code(), r.err());
        // picocli wraps inside a word (REASON_1.. / K): compared without white space
        assertTrue(r.out().replaceAll("\\s+", "").contains(("--explain=K" + shared).replaceAll("\\s+", "")),
                shared + " in " + r.out());
    }

    @Test
    void aNegativeExplainIsRefusedBeforeAnyWork() {
        Path out = tmp.resolve("refused-explain");
        SparkLabelsTest.Result r = score(plainModel, neighbourhoods, out, "--explain", "-2");
        userError(r, "--explain must be 0 or more, got -2", "reasons per row; 0, the default, adds none");
        assertTrue(!r.out().contains("Scoring"), r.out());
        assertTrue(!Files.exists(out));
    }

    /** PostgreSQL gets the reason columns as predict --explain writes them there (needs RELGRAPH_TEST_PG_URL). */
    @Test
    void postgresOutputHoldsTheReasons() throws Exception {
        String url = System.getenv("RELGRAPH_TEST_PG_URL");
        org.junit.jupiter.api.Assumptions.assumeTrue(url != null, "RELGRAPH_TEST_PG_URL is not set");
        String table = "spark_reasons_" + Long.toHexString(System.nanoTime());
        String out = url + (url.contains("?") ? "&" : "?") + "table=" + table;
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url)) {
            try {
                run("score", "--model", plainModel.toString(), "--data", bank.toString(), "--neighbourhoods",
                        neighbourhoods.toString(), "--out", out, "--explain", "2", "--top", "25");
                int rows = 0;
                for (long t : asOf) {
                    Map<String, String[]> want = predictReasons(plainModel, t, 2, 25 + MARGIN);
                    try (var ps = c.prepareStatement("SELECT customer_id, reason_1, reason_2 FROM " + table
                            + " WHERE as_of_date = ?::date")) {
                        ps.setString(1, Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate().toString());
                        try (var rs = ps.executeQuery()) {
                            while (rs.next()) {
                                String[] w = want.get(rs.getString(1));
                                sameReason(w[0], rs.getString(2));
                                sameReason(w[1], rs.getString(3));
                                rows++;
                            }
                        }
                    }
                }
                assertEquals(50, rows);
            } finally {
                c.createStatement().execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    /**
     * predict --top N --explain k's REASON_1..k by customer, as of {@code t} (what PredictCommand appends; N = 0
     * for all).
     */
    private static Map<String, String[]> predictReasons(Path model, long t, int k, int top) throws IOException {
        try (GnnPredictor p = GnnPredictor.load(model, db)) {
            ScoreTable explained = org.relgraph.models.api.Explanations.of(p, db)
                    .withReasons(Scoring.of(p, db).top(top).asOf(t), t, k, done -> { });
            Map<String, String[]> out = new HashMap<>();
            int first = explained.columns().size() - k;
            for (int i = 0; i < explained.rowCount(); i++) {
                String[] texts = new String[k];
                for (int j = 0; j < k; j++) {
                    texts[j] = explained.column(first + j).string(i);
                }
                out.put(explained.column(0).string(i), texts);
            }
            return out;
        }
    }

    /**
     * The job's REASON_1..3 of every row of both dates are predict's (explaining its {@code top} best) for that customer:
     * the same signal (table, column, readable value), in the same order, with the same direction, the share within
     * a rounding step.
     *
     * @return how many reasons count the customer's related rows ("… in last N days"), to show they were checked
     */
    private static int sameReasonsAsPredict(Path model, Path out, int top) throws IOException {
        int counted = 0;
        int identical = 0;
        int total = 0;
        for (long t : asOf) {
            Map<String, String[]> want = predictReasons(model, t, REASONS, top);
            Path file = out.resolve("as_of=" + Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate())
                    .resolve(ScoreCommand.SCORES_FILE);
            var frame = spark.read().parquet(file.toString());
            List<String> columns = List.of(frame.columns());
            assertEquals(List.of("REASON_1", "REASON_2", "REASON_3"),
                    columns.subList(columns.size() - REASONS, columns.size()));
            List<Row> got = frame.collectAsList();
            assertTrue(got.size() >= 40, "rows: " + got.size());
            for (Row r : got) {
                String[] w = want.get(r.getString(0));
                assertTrue(w != null, "customer " + r.getString(0) + " is not in predict's table");
                for (int j = 0; j < REASONS; j++) {
                    String g = r.getString(columns.size() - REASONS + j);
                    sameReason(w[j], g);
                    identical += java.util.Objects.equals(w[j], g) ? 1 : 0;
                    counted += g != null && g.contains(" in last ") ? 1 : 0;
                    total++;
                }
            }
        }
        System.out.println("reasons " + model.getFileName() + ": " + identical + " of " + total
                + " texts identical to predict's, " + counted + " counting related rows");
        return counted;
    }

    /** One REASON text: "SUBJECT — NN % ↑"; equal subject and arrow, the percentage within 1 (its rounding). */
    private static void sameReason(String want, String got) {
        if (want == null || got == null) {
            assertEquals(want, got);
            return;
        }
        java.util.regex.Pattern shape = java.util.regex.Pattern.compile("(.*) — (\\d+) % ([↑↓])");
        java.util.regex.Matcher w = shape.matcher(want);
        java.util.regex.Matcher g = shape.matcher(got);
        assertTrue(w.matches() && g.matches(), want + " / " + got);
        assertEquals(w.group(1), g.group(1));
        assertEquals(w.group(3), g.group(3), want + " / " + got);
        assertTrue(Math.abs(Integer.parseInt(w.group(2)) - Integer.parseInt(g.group(2))) <= 1, want + " / " + got);
    }

    // --- bad input: one error line and a hint, exit 2, before any Spark work ---

    private static SparkLabelsTest.Result score(Path model, Path dir, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("score", "--model", model.toString(), "--data", bank.toString(),
                "--neighbourhoods", dir.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return SparkLabelsTest.run(args.toArray(String[]::new));
    }

    private static void userError(SparkLabelsTest.Result r, String errorLine, String hintStart) {
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        String[] lines = r.err().split("\n");
        assertEquals(2, lines.length, r.err());
        assertEquals("error: " + errorLine, lines[0]);
        assertTrue(lines[1].startsWith("hint: " + hintStart), r.err());
    }

    /** A neighbourhoods folder's metadata with {@code fanouts} and {@code cutoff}, and an empty subgraphs folder. */
    private static Path fakeNeighbourhoods(String name, String fanouts, String cutoff) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve("subgraphs"));
        Files.writeString(dir.resolve("neighbourhoods.json"), "{\"job\": \"neighbourhoods\", \"entity_table\": "
                + "\"customers\", \"fanouts\": " + fanouts + ", \"input_cutoff\": " + cutoff + ", \"seeds\": 1}");
        return dir;
    }

    @Test
    void neighbourhoodsThatAreNotThereOrDoNotFitTheModelAreRefused() throws IOException {
        Path out = tmp.resolve("refused");
        Path none = tmp.resolve("no-neighbourhoods");
        userError(score(plainModel, none, out), "--neighbourhoods " + none + " is not a folder relgraph-spark "
                + "neighbourhoods wrote (no neighbourhoods.json and subgraphs/ in it)", "give the --out folder of "
                + "relgraph-spark neighbourhoods");
        Path wide = fakeNeighbourhoods("wide", "[10, 5]", "null");
        userError(score(plainModel, wide, out), "--neighbourhoods " + wide + " were sampled with fanouts [10, 5], and "
                + "the model at " + plainModel + " samples [4, 3]", "run relgraph-spark neighbourhoods with the "
                + "model's --fanouts 4,3");
        Path cut = fakeNeighbourhoods("cut", "[4, 3]", "\"2024-01-01T00:00:00Z\"");
        userError(score(plainModel, cut, out), "--neighbourhoods " + cut + " were sampled with --input-cutoff "
                + "2024-01-01T00:00:00Z, and scoring sees each seed's data as of its own date, as relgraph predict "
                + "does", "materialise them without --input-cutoff");
        userError(score(summaryModel, neighbourhoods, out), "the model at " + summaryModel + " reads child "
                + "summaries, and --neighbourhoods " + neighbourhoods + " has none (no summaries/ folder)",
                "run neighbourhoods with --model " + summaryModel);
        assertTrue(!Files.exists(out));
    }

    @Test
    void dataWithoutATableTheModelWasTrainedOnIsRefused() throws IOException {
        Path schema = tmp.resolve("without-interactions.yaml");
        org.relgraph.schema.SchemaYaml.write(db.schema().without(List.of("interaction_history")), schema);
        userError(score(plainModel, neighbourhoods, tmp.resolve("refused-schema"), "--schema", schema.toString()),
                "the model was trained with table 'interaction_history', which the data no longer has",
                "restore table 'interaction_history'");
    }

    @Test
    void anOutputFolderRelgraphDidNotWriteIsRefusedBeforeAnyWork() throws IOException {
        Path out = tmp.resolve("users-folder");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "mine");
        SparkLabelsTest.Result r = score(plainModel, neighbourhoods, out);
        userError(r, "output folder " + out + " holds files relgraph did not write (notes.txt)",
                "choose a new folder, or add --force");
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
        assertTrue(!r.out().contains("Scoring"), r.out());
    }

    /** Every (customer, date) of predict's tables is in the job's output with its score, and no other. */
    private static void sameAsPredict(Path model, Path out) throws IOException {
        try (GnnPredictor p = GnnPredictor.load(model, db)) {
            for (long t : asOf) {
                ScoreTable want = Scoring.of(p, db).asOf(t);
                Path file = out.resolve("as_of=" + Instant.ofEpochMilli(t).atZone(ZoneOffset.UTC).toLocalDate())
                        .resolve(ScoreCommand.SCORES_FILE);
                List<Row> got = spark.read().parquet(file.toString()).collectAsList();
                List<String> columns = List.of(spark.read().parquet(file.toString()).columns());
                List<String> wantColumns = want.columns().stream().map(c -> c.name()).toList();
                assertEquals(wantColumns, columns);
                assertEquals(want.rowCount(), got.size());
                assertTrue(got.size() > 100, "customers scored: " + got.size());
                int scoreColumn = 0;
                while (want.columns().get(scoreColumn).kind() != org.relgraph.models.output.ScoreColumn.Kind.DOUBLE) {
                    scoreColumn++;
                }
                Map<String, Double> byKey = new HashMap<>();
                for (Row r : got) {
                    byKey.put(r.getString(0), r.getDouble(scoreColumn));
                }
                double worst = 0;
                for (int i = 0; i < want.rowCount(); i++) {
                    String key = want.column(0).string(i);
                    Double score = byKey.get(key);
                    assertTrue(score != null, "customer " + key + " is not in the Spark scores of " + file);
                    worst = Math.max(worst, Math.abs(score - want.column(scoreColumn).doubleValue(i)));
                }
                System.out.println("score " + model.getFileName() + " as of " + file.getParent().getFileName() + ": "
                        + got.size() + " customers, largest difference " + worst);
                assertTrue(worst <= TOLERANCE, "largest difference " + worst + " on " + file);
            }
        }
    }

    static void copy(Path from, Path to) throws IOException {
        try (var walk = Files.walk(from)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Runs {@code SparkMain} in this JVM (on the shared session); its output, failing on a non-zero exit. */
    static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, out + "\n" + err);
        return out.toString();
    }
}
