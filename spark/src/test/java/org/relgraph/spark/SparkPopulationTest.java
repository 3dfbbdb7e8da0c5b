package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.models.api.Task;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.query.TrainingTableBuilder;
import org.relgraph.source.DataSources;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.validate.InheritedTimes;

/**
 * The scoring population on Spark ({@code neighbourhoods --as-of}) is the one {@code relgraph predict --as-of}
 * scores ({@link TrainingTableBuilder#population}): the entities that exist at the date and pass the filter, with a
 * population condition (a window after the date, unknowable when scoring) counted as met.
 */
class SparkPopulationTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path bank;
    static Path f1;

    @BeforeAll
    static void data() throws IOException {
        spark = LocalSpark.session();
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(300, 5)).generate(bank);
        f1 = SmallF1.write(tmp.resolve("f1"));
    }

    @Test
    void theBanksMortgagePopulationIsPredictsAtEachDate() {
        for (String date : List.of("2023-01-01", "2024-06-30", "2024-12-31T23:00:00Z")) {
            List<String> single = singleMachine(bank, MORTGAGE, date);
            assertFalse(single.isEmpty(), date);
            assertEquals(single, spark(bank, MORTGAGE, date), date);
        }
    }

    /**
     * The DNF query's {@code COUNT(results.*, 0, 30, days) > 0} looks after the date: predict scores every driver the
     * rest of the filter admits, so must Spark; a past window ({@code -60, 0}) is a real condition and filters.
     */
    @Test
    void aPopulationConditionCountsAsMetAndAPastWindowFilters() {
        String date = "2020-02-01";
        List<String> dnf = singleMachine(f1, SmallF1.DNF, date);
        assertEquals(dnf, spark(f1, SmallF1.DNF, date));
        String past = "PREDICT MAX(results.positionOrder, 0, 30, days) FOR EACH drivers.driverId "
                + "WHERE COUNT(results.*, -60, 0, days) > 0 AND NOT drivers.nationality = 'German'";
        List<String> filtered = singleMachine(f1, past, date);
        assertEquals(filtered, spark(f1, past, date));
        assertTrue(filtered.size() < dnf.size(), "the past window leaves drivers out: " + filtered + " of " + dnf);
    }

    @Test
    void neighbourhoodsAsOfMaterialisesThePopulationAndRecordsTheDate() throws IOException {
        Path out = tmp.resolve("scoring-neighbourhoods");
        SparkLabelsTest.Result r = SparkLabelsTest.run("neighbourhoods", "--data", bank.toString(), "--query", MORTGAGE,
                "--as-of", "2024-06-30", "--fanouts", "3,2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String> population = singleMachine(bank, MORTGAGE, "2024-06-30");
        assertTrue(r.out().contains("Seeds: " + population.size() + " (customers x anchor)"), r.out());
        String json = Files.readString(out.resolve(NeighbourhoodsCommand.METADATA));
        assertTrue(json.contains("\"as_of\": \"2024-06-30T00:00:00Z\""), json);
        assertTrue(json.contains("\"query\": \"PREDICT BOOL("), json);
        List<String> seeds = new ArrayList<>();
        for (Row row : spark.read().parquet(out.resolve(NeighbourhoodsCommand.SUBGRAPHS).toString())
                .filter("hop = 0").select("seed_key", "seed_time").orderBy("seed_key").collectAsList()) {
            assertEquals(TimestampLiteral.parse("2024-06-30").getAsLong(), ((Number) row.get(1)).longValue());
            seeds.add(String.valueOf(row.get(0)));
        }
        assertEquals(population.stream().sorted().toList(), seeds.stream().sorted().toList());
    }

    @Test
    void aSeedSourceIsExactlyOneOfLabelsAndAsOf() throws IOException {
        Path out = tmp.resolve("refused");
        Path labels = tmp.resolve("labels.csv");
        Files.writeString(labels, "customer_id,anchor_time,label,split\n1,2024-06-30T00:00:00Z,0,test\n");
        userError(run("--out", out.toString()), "neighbourhoods needs seeds: --labels FILE or --as-of DATE",
                "--labels FILE for a training table's seeds");
        userError(run("--labels", labels.toString(), "--as-of", "2024-06-30", "--out", out.toString()),
                "--labels and --as-of are two seed sources; give one", "--labels FILE");
        userError(run("--as-of", "2024-06-30", "--out", out.toString()),
                "--as-of 2024-06-30 needs the query whose population to score", "give --model BUNDLE");
        userError(run("--as-of", "2024-06-30", "--query", MORTGAGE, "--entity", "customers", "--out", out.toString()),
                "--entity is for --labels: with --as-of the query's FOR EACH names the entity table",
                "leave --entity out");
        userError(run("--labels", labels.toString(), "--query", MORTGAGE, "--out", out.toString()),
                "--query is for --as-of: a labels file's seeds are its rows", "leave --query out");
        userError(run("--as-of", "soon", "--query", MORTGAGE, "--out", out.toString()),
                "--as-of: cannot read 'soon' as a date", "use 2024-01-31");
        assertFalse(Files.exists(out));
    }

    private static SparkLabelsTest.Result run(String... more) {
        List<String> args = new ArrayList<>(List.of("neighbourhoods", "--data", bank.toString()));
        args.addAll(List.of(more));
        return SparkLabelsTest.run(args.toArray(String[]::new));
    }

    private static void userError(SparkLabelsTest.Result r, String errorLine, String hintStart) {
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        String[] lines = r.err().split("\n");
        assertEquals("error: " + errorLine, lines[0], r.err());
        assertTrue(lines[1].startsWith("hint: " + hintStart), r.err());
    }

    /** The keys predict scores as of {@code date}, in entity row order. */
    private static List<String> singleMachine(Path data, String pql, String date) {
        Database db = DataSources.open(data.toString()).load().database();
        PredictiveQuery q = Task.bind(db, pql).query();
        Column key = db.table(q.entityTable()).requireColumn(q.entityKey());
        List<String> keys = new ArrayList<>();
        for (int row : new TrainingTableBuilder(db, q).population(TimestampLiteral.parse(date).getAsLong())) {
            keys.add(key.format(row));
        }
        return keys;
    }

    /** The keys {@link SparkLabels#population} gives, in its order. */
    private static List<String> spark(Path data, String pql, String date) {
        SparkTables tables = new SparkTables(spark, data, SparkTables.readSchema(data, null));
        PredictiveQuery q = PredictiveQuery.parse(pql, InheritedTimes.resolvedSchema(tables.schema()));
        List<String> keys = new ArrayList<>();
        for (Row row : new SparkLabels(spark, tables, q).population(TimestampLiteral.parse(date).getAsLong())
                .collectAsList()) {
            keys.add(String.valueOf(row.get(0)));
        }
        return keys;
    }
}
