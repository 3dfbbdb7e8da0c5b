package org.relgraph.models.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.example.ScoreWithReasons;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelKind;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.baseline.BaselineModel;
import org.relgraph.models.output.ScoreTable;
import org.relgraph.query.TrainingSplits;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;
import org.relgraph.table.TimeRange;

/**
 * The library API end to end on a tiny generated bank, and README's embedding example ({@link ScoreWithReasons}) run
 * against a bundle trained here and compared with the README text, so the two cannot drift apart.
 */
class LibraryApiTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;
    private static final GnnConfig TINY = GnnConfig.defaults().withHidden(16).withFanouts(8, 4).withBatchSize(128)
            .withEpochs(1).withSeed(7);

    @TempDir
    static Path tmp;
    private static Path bank;
    private static Path bundle;
    private static Database db;
    private static EntityModel model;
    private static long asOf;

    @BeforeAll
    static void trainATinyBundle() throws Exception {
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(400, 3)).generate(bank);
        db = Sources.load(bank.toString());
        Task task = Task.bind(db, MORTGAGE);
        TrainingSplits tables = task.tables(task.splitPlanner().trainAnchorCount(2).plan());
        bundle = tmp.resolve("mortgage-model");
        try (EntityModel trained = Training.gnn(task, tables, TINY)) {
            trained.save(bundle);
        }
        model = ModelLoader.load(bundle, db);
        asOf = LocalDate.ofInstant(Instant.ofEpochMilli(TimeRange.of(db).max()), ZoneOffset.UTC)
                .atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void theReadmeExampleScoresAndExplainsTheBestEntities() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            ScoreWithReasons.print(bundle, bank.toString(), LocalDate.ofInstant(Instant.ofEpochMilli(asOf),
                    ZoneOffset.UTC), out);
        }
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        ScoreTable best = Scoring.of(model, db).top(3).asOf(asOf);
        assertEquals(3, best.rowCount());
        for (int i = 0; i < 3; i++) {
            String key = best.column(0).string(i);
            int at = indexOfPrefix(lines, key + " scored ");
            assertTrue(at >= 0, key + " is explained: " + lines);
            assertTrue(lines.get(at).endsWith(" because:"), lines.get(at));
            assertTrue(at + 1 < lines.size() && lines.get(at + 1).startsWith("  ") && lines.get(at + 1).contains("%"),
                    "a reason with its share follows: " + lines);
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(key + " ") || l.matches("\\s*" + key + "\\s.*")),
                    key + " is in the printed table");
        }
        assertEquals(3, lines.stream().filter(l -> l.endsWith(" because:")).count(), String.join("\n", lines));
    }

    @Test
    void theReadmeShowsExactlyTheExampleThatRuns() throws Exception {
        String source = Files.readString(Path.of("src/test/java/org/relgraph/example/ScoreWithReasons.java"));
        String shown = source.substring(source.indexOf("\nimport ") + 1).strip();
        String readme = Files.readString(Path.of("../README.md"));
        int section = readme.indexOf("### Embedding relgraph in an application");
        assertTrue(section >= 0, "README has the section");
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String block = readme.substring(start, readme.indexOf("\n```", start)).strip();
        assertEquals(shown, block, "README's example differs from ScoreWithReasons.java");
    }

    @Test
    void evaluationRebuildsTheTestTableTheTrainingMetricsCameFrom() {
        Map<String, Double> test = Evaluation.of(model, db).metrics("test");
        assertTrue(test.get("count") > 0, test.toString());
        assertEquals(model.metrics().get("test_auroc"), test.get("auroc"), 1e-9);
        assertTrue(Evaluation.of(model, db).candidates().isEmpty(), "a propensity model ranks no candidates");
    }

    @Test
    void scoringProgressHearsRisingCountsEndingAtThePopulation() {
        List<int[]> heard = new ArrayList<>();
        ScoreTable all = Scoring.of(model, db).scoringProgress((done, total) -> heard.add(new int[] {done, total}))
                .asOf(asOf);
        assertTrue(heard.size() > 1, "a report per batch of 128: " + heard.size());
        int population = heard.get(0)[1];
        assertEquals(all.rowCount(), population, "one row per scored customer");
        for (int i = 0; i < heard.size(); i++) {
            assertEquals(population, heard.get(i)[1]);
            assertTrue(i == 0 || heard.get(i)[0] > heard.get(i - 1)[0], "rising");
        }
        assertEquals(population, heard.get(heard.size() - 1)[0], "ends at the total");
        ScoreTable quiet = Scoring.of(model, db).asOf(asOf);
        for (int i = 0; i < all.rowCount(); i++) {
            assertEquals(quiet.column(0).value(i), all.column(0).value(i), "listening changes no order");
            assertEquals(quiet.column(2).value(i), all.column(2).value(i), "nor any score");
        }
    }

    @Test
    void scoringKeepsTheTopRowsAndSaysWhatItScored() {
        List<String> heard = new ArrayList<>();
        ScoreTable five = Scoring.of(model, db).top(5).progress(heard::add).asOf(asOf);
        assertEquals(5, five.rowCount());
        assertEquals("CUSTOMER_ID", five.column(0).name());
        assertTrue(heard.get(0).startsWith("Scoring ") && heard.get(0).contains(" customers as of "), heard.toString());
        assertTrue(heard.get(1).startsWith("Scored in "), heard.toString());
        ScoreTable all = Scoring.of(model, db).asOf(asOf);
        for (int i = 0; i < 5; i++) {
            assertEquals(all.column(0).string(i), five.column(0).string(i), "top 5 = the first 5 of all");
        }
    }

    @Test
    void badCallsAreOneLineErrors() {
        SchemaException perEntity = assertThrows(SchemaException.class,
                () -> Scoring.of(model, db).actionsPerEntity(3));
        assertTrue(perEntity.getMessage().contains("next-best-action models") && perEntity.getMessage()
                .contains("this is a gnn model of a binary query"), perEntity.getMessage());

        SchemaException unknown = assertThrows(SchemaException.class,
                () -> Explanations.of(model, db).explain(List.of("no-such-customer"), asOf, 3));
        assertEquals("no CUSTOMERS row has customer_id = 'no-such-customer'", unknown.getMessage());

        Task task = Task.bind(db, MORTGAGE);
        TrainingSplits tables = task.tables(task.splitPlanner().trainAnchorCount(2).plan());
        try (EntityModel rules = BaselineModel.train(db, task.query(), tables, org.relgraph.models.baseline.RulesKind.INSTANCE, 1, 1,
                line -> { })) {
            SchemaException notExplained = assertThrows(SchemaException.class, () -> Explanations.of(rules, db));
            assertTrue(notExplained.getMessage().startsWith("explanations work with GNN"), notExplained.getMessage());
        }
    }

    @Test
    void theDataOfABundleLeavesOutTheTablesItWasTrainedWithout() throws Exception {
        Path recorded = Files.createDirectories(tmp.resolve("trained-without-balances"));
        Files.writeString(recorded.resolve("bundle.json"), "{\"excludedTables\": [\"account_balances\"]}");
        assertTrue(db.schema().table("account_balances").isPresent());
        Database without = Sources.loadFor(recorded, bank.toString());
        assertTrue(without.schema().table("account_balances").isEmpty(), without.schema().tableNames().toString());
        assertEquals(db.schema().tableNames().size() - 1, without.schema().tableNames().size());
    }

    private static int indexOfPrefix(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
