package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.api.Task;
import org.relgraph.query.SplitPlanner;
import org.relgraph.query.TimestampLiteral;
import org.relgraph.query.TrainingTableWriter;
import org.relgraph.source.DataSources;
import org.relgraph.table.Database;

/**
 * The Spark labels job writes the very file {@code relgraph query --out} writes (the library path the command
 * runs: {@link Task#bind}, its split planner, {@code TrainingTableBuilder}, {@link TrainingTableWriter}), byte for
 * byte, on a generated bank and on a small hand-made F1-like database, in local mode on two cores.
 */
class SparkLabelsTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;

    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Path bank;
    static Path f1;
    static Path f1Named;

    @BeforeAll
    static void start() throws IOException {
        spark = LocalSpark.session();
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(400, 11)).generate(bank);
        f1 = SmallF1.write(tmp.resolve("f1"));
        f1Named = SmallF1.writeWithStatusNames(tmp.resolve("f1-named"));
    }

    @Test
    void mortgageBoolLabelsEqualTheSingleMachineFile() throws IOException {
        String file = sameFile(bank, MORTGAGE, "mortgage.csv", "--train-anchors", "3");
        assertTrue(file.contains(",1,train\n") && file.contains(",0,test\n"), "labels of both kinds expected");
    }

    /** Monthly train anchors of a 6-month window: overlapping label windows, the same file as one machine's. */
    @Test
    void monthlyTrainAnchorsEqualTheSingleMachineFile() throws IOException {
        String file = sameFile(bank, MORTGAGE, "mortgage-monthly.csv", "--train-anchors", "4",
                "--train-anchor-step", "1");
        assertEquals(4, file.lines().filter(l -> l.endsWith(",train")).map(l -> l.split(",")[1]).distinct().count(),
                "four train anchors");
    }

    /**
     * --parquet-parts: the executors' part files, read in name order, hold the single-machine Parquet file's rows in
     * order with the same columns and types (a scalar label and a list label), and neighbourhoods reads the folder's
     * seeds as it reads the file's.
     */
    @Test
    void parquetPartsHoldTheSingleMachineFilesRowsInOrder() throws IOException {
        String list = "PREDICT LIST_DISTINCT(PRODUCT_HOLDINGS.PRODUCT_ID, 0, 6, months) RANK TOP 5 FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID";
        // a small table fits one partition once AQE coalesces them: keep the sort's partitions, so that the order
        // across several parts is what is tested
        String coalesce = "spark.sql.adaptive.coalescePartitions.enabled";
        spark.conf().set(coalesce, "false");
        try {
            partsEqualTheFiles(list);
        } finally {
            spark.conf().unset(coalesce);
        }
        // neighbourhoods --labels takes the folder: the same seeds as the single file's
        org.relgraph.schema.Schema schema = SparkTables.readSchema(bank, null);
        java.util.function.Function<String, org.apache.spark.sql.types.DataType> keyType =
                t -> org.apache.spark.sql.types.DataTypes.LongType;
        List<String> fromFile = SeedLabels.read(spark, tmp.resolve("parts-mortgage.parquet"), schema, null, keyType)
                .seeds().orderBy(SeedLabels.KEY, SeedLabels.TIME).collectAsList().stream().map(Object::toString)
                .toList();
        List<String> fromParts = SeedLabels.read(spark, tmp.resolve("parts-mortgage"), schema, null, keyType)
                .seeds().orderBy(SeedLabels.KEY, SeedLabels.TIME).collectAsList().stream().map(Object::toString)
                .toList();
        assertTrue(fromFile.size() > 10, fromFile.toString());
        assertEquals(fromFile, fromParts);
    }

    private static void partsEqualTheFiles(String list) throws IOException {
        for (String pql : List.of(MORTGAGE, list)) {
            String name = pql == MORTGAGE ? "parts-mortgage" : "parts-list";
            Path expected = tmp.resolve(name + ".parquet");
            singleMachine(bank, pql, expected, "--train-anchors", "3");
            Path parts = tmp.resolve(name);
            Result r = run("labels", "--data", bank.toString(), "--query", pql, "--out", parts.toString(),
                    "--parquet-parts", "--train-anchors", "3");
            assertEquals(0, r.code, r.err);
            List<Path> files;
            try (var listing = Files.list(parts)) {
                files = listing.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
            }
            assertTrue(files.size() > 1, "several part files expected: " + files);
            List<String> want = spark.read().parquet(expected.toString()).collectAsList().stream()
                    .map(Object::toString).toList();
            List<String> got = new ArrayList<>();
            for (Path f : files) { // in name order, each part's rows in its order
                spark.read().parquet(f.toString()).collectAsList().forEach(row -> got.add(row.toString()));
            }
            assertTrue(want.size() > 10, "too few rows to compare: " + want);
            assertEquals(want, got, pql);
            assertEquals(spark.read().parquet(expected.toString()).schema(), spark.read().parquet(parts.toString())
                    .schema());
            assertTrue(r.out.contains("Wrote " + want.size() + " rows to " + parts), r.out);
        }
    }

    @Test
    void parquetPartsRefuseACsvNameAndAFolderRelgraphDidNotWrite() throws IOException {
        Result csv = run("labels", "--data", bank.toString(), "--query", MORTGAGE, "--out",
                tmp.resolve("parts.csv").toString(), "--parquet-parts");
        assertEquals(SparkMain.USER_ERROR, csv.code, csv.err);
        assertTrue(csv.err.startsWith("error: --parquet-parts writes a folder of Parquet files, but --out "), csv.err);
        Path mine = tmp.resolve("my-folder");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "mine\n");
        Result foreign = run("labels", "--data", bank.toString(), "--query", MORTGAGE, "--out", mine.toString(),
                "--parquet-parts");
        assertEquals(SparkMain.USER_ERROR, foreign.code, foreign.err);
        assertTrue(foreign.err.startsWith("error: ") && foreign.err.contains(mine.toString()), foreign.err);
        assertEquals("mine\n", Files.readString(mine.resolve("notes.txt")));
    }

    @Test
    void nextBestActionCandidatesEqualTheSingleMachineFile() throws IOException {
        // one row per interaction in the window: the order (entity row, then time, then file row) must match too
        String file = sameFile(bank, "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 30, days) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID WHERE CUSTOMERS.SEGMENT IN ('Mass Affluent', 'Premier')", "nba.csv",
                "--train-anchors", "3", "--eval-anchors", "2");
        assertTrue(file.startsWith("customer_id,anchor_time,label,target_key,split\n"), file);
        assertTrue(file.contains(",1,") && file.contains(",0,"), "accepted and declined candidates expected");
        sameParquetRows(bank, "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 60, days) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID", "nba.parquet", "--train-anchors", "2");
    }

    @Test
    void listDistinctLabelsEqualTheSingleMachineFiles() throws IOException {
        // the products each customer took up in the window, as a sorted list of catalogue keys
        String pql = "PREDICT LIST_DISTINCT(PRODUCT_HOLDINGS.PRODUCT_ID, 0, 6, months) RANK TOP 5 FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID";
        String file = sameFile(bank, pql, "list.csv", "--train-anchors", "4");
        assertTrue(file.lines().anyMatch(l -> l.matches("\\d+,[^,]+,\"\\[\\d+(,\\d+)+\\]\",\\w+")),
                "lists of several products expected");
        sameParquetRows(bank, pql, "list.parquet", "--train-anchors", "2");
    }

    @Test
    void sumRegressionWithARowFilterAndAChildFilterEqualsTheSingleMachineFile() throws IOException {
        // SUM of doubles: exactly equal only if Spark adds in the single-machine order (time, then file row).
        String file = sameFile(bank, "PREDICT SUM(TRANSACTIONS.AMOUNT WHERE TRANSACTIONS.MERCHANT_CATEGORY != "
                + "'fuel', 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID WHERE NOT CUSTOMERS.SEGMENT = 'Mass Market' "
                + "OR PRODUCT_HOLDINGS.PRODUCT = 'Credit Card'", "sum.csv", "--train-anchors", "4");
        assertTrue(file.lines().anyMatch(l -> l.matches("\\d+,[^,]+,\\d+\\.\\d+,\\w+")), "fractional sums expected");
    }

    @Test
    void countThresholdAndAverageEqualTheSingleMachineFiles() throws IOException {
        sameFile(bank, "PREDICT COUNT(TRANSACTIONS.*, 0, 30, days) > 3 FOR EACH CUSTOMERS.CUSTOMER_ID",
                "count.csv", "--train-anchors", "3", "--eval-anchors", "2");
        // AVG leaves out customers without transactions in the window; Parquet output too.
        sameParquetRows(bank, "PREDICT AVG(TRANSACTIONS.AMOUNT, 0, 14, days) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE COUNT(TRANSACTIONS.* WHERE TRANSACTIONS.AMOUNT > 50, -60, 0, days) >= 2",
                "avg.parquet", "--train-anchors", "2");
    }

    @Test
    void relF1StylePopulationFilterEqualsTheSingleMachineFile() throws IOException {
        String file = sameFile(f1, SmallF1.DNF, "dnf.csv", SmallF1.SPLIT);
        assertTrue(file.contains("\n3,"), "driver 3 has results in windows");
        // NOT of a comparison with a null value holds (the comparison is false, not unknown): driver 7 is in
        String max = sameFile(f1, "PREDICT MAX(results.positionOrder, 0, 30, days) FOR EACH drivers.driverId "
                + "WHERE COUNT(results.*, -60, 0, days) > 0 AND NOT drivers.nationality = 'German'", "max.csv",
                SmallF1.SPLIT);
        assertTrue(max.contains("7,2020-01-02T00:00:00Z,3,train"), max);
    }

    /**
     * Floating-point addition is not associative: driver 8's values 0.1, 0.2, 0.3 (in time order; the file lists
     * them newest first) sum to 0.6000000000000001 in time order and to 0.6 in file order. The single-machine path
     * adds in time order, so must Spark, whatever order the rows reach an executor in.
     */
    @Test
    void sumAddsInTimeOrderAsTheSingleMachinePathDoes() throws IOException {
        String file = sameFile(f1, "PREDICT SUM(results.positionOrder, 0, 30, days) FOR EACH drivers.driverId",
                "sum-order.csv", SmallF1.SPLIT);
        assertTrue(file.contains("8,2020-01-02T00:00:00Z,0.6000000000000001,train"), file);
    }

    /**
     * The leakage boundary: a row exactly at the anchor is history (not in the anchor's label window, nor does it
     * make the driver part of that anchor's population); a row exactly at anchor + 30 days is label. Checked
     * against hand-computed rows, not only against the single-machine file.
     */
    @Test
    void rowsExactlyAtTheWindowBoundsCountAsTheSingleMachinePathCountsThem() throws IOException {
        String file = sameFile(f1, SmallF1.DNF, "boundary.csv", SmallF1.SPLIT);
        List<String> val = file.lines().filter(l -> l.endsWith(",val")).toList();
        // driver 1: rows at the val anchor (history) and at val + 30 days (label, not finished): label 1
        // driver 4: only a row exactly at the val anchor: outside the val window, so no val example at all
        assertTrue(val.contains("1,2020-02-01T00:00:00Z,1,val"), val.toString());
        assertTrue(val.stream().noneMatch(l -> l.startsWith("4,")), val.toString());
        // driver 4's row at 2020-02-01 is the last instant of the train anchor 2020-01-02's window: label 1 there
        assertTrue(file.contains("4,2020-01-02T00:00:00Z,1,train"), file);
        // driver 1's row at 2020-03-02 is the test anchor itself: history for test, so driver 1 has no test example
        assertTrue(file.lines().noneMatch(l -> l.startsWith("1,") && l.endsWith(",test")), file);
    }

    /**
     * rel-f1's raw layout: results take their time from their race ({@code time_from: raceId}). Spark joins each
     * result to its race's date and labels as the single-machine loader's inherited times do; the rows also equal
     * those of the same data with the dates in results (so the times did arrive, ties and all).
     */
    @Test
    void aTimeFromTableTakesItsParentsTimeAsOnOneMachine() throws IOException {
        Path races = SmallF1.writeWithRaces(tmp.resolve("f1-races"));
        String dnf = sameFile(races, SmallF1.DNF, "races-dnf.csv", SmallF1.SPLIT);
        assertEquals(sameFile(f1, SmallF1.DNF, "flat-dnf.csv", SmallF1.SPLIT), dnf);
        String avg = "PREDICT AVG(results.positionOrder, 0, 30, days) FOR EACH drivers.driverId "
                + "WHERE COUNT(results.*, -30, 0, days) > 0";
        assertEquals(sameFile(f1, avg, "flat-avg.csv", SmallF1.SPLIT), sameFile(races, avg, "races-avg.csv",
                SmallF1.SPLIT));
    }

    /**
     * FIRST and LAST take the earliest and latest row in time order whatever order the file lists them in (driver
     * 8's rows are listed newest first), and ties between equal times go by file row: in the bank, a customer's
     * first and last transactions of a window.
     */
    @Test
    void firstAndLastFollowTheTimeOrderAsOnOneMachine() throws IOException {
        String first = sameFile(f1, "PREDICT FIRST(results.positionOrder, 0, 30, days) FOR EACH drivers.driverId "
                + "WHERE COUNT(results.*, 0, 30, days) > 0", "first.csv", SmallF1.SPLIT);
        assertTrue(first.contains("8,2020-01-02T00:00:00Z,0.1,train"), first);
        sameFile(bank, "PREDICT LAST(TRANSACTIONS.AMOUNT, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE FIRST(TRANSACTIONS.AMOUNT, -30, 0, days) > 10", "last.csv", "--train-anchors", "2");
    }

    /**
     * FIRST and LAST of a categorical column: the label is the value's dictionary code, numbered as the loader
     * numbers it (first appearance in the file: email 0, branch 1, ... for channel, which sorted would differ), as a
     * target, with a threshold, and in the filter; COUNT_DISTINCT of a category counts its values; LAST of an integer
     * id is the id itself.
     */
    @Test
    void firstAndLastOfACategoryAreTheLoadersCodesAsOnOneMachine() throws IOException {
        String last = sameFile(bank, "PREDICT LAST(INTERACTION_HISTORY.CHANNEL, 0, 30, days) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID", "last-channel.csv", "--train-anchors", "2");
        assertTrue(last.lines().skip(1).map(l -> l.split(",")[2]).distinct().count() >= 3, "several classes: " + last);
        sameFile(bank, "PREDICT FIRST(TRANSACTIONS.MERCHANT_CATEGORY, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID "
                + "WHERE LAST(INTERACTION_HISTORY.CHANNEL, -90, 0, days) = 'email'", "first-merchant.csv",
                "--train-anchors", "2");
        String fuel = sameFile(bank, "PREDICT FIRST(TRANSACTIONS.MERCHANT_CATEGORY WHERE TRANSACTIONS.AMOUNT > 20, "
                + "0, 30, days) = 'fuel' FOR EACH CUSTOMERS.CUSTOMER_ID WHERE FIRST(INTERACTION_HISTORY.CHANNEL, -90, "
                + "0, days) != 'branch' AND COUNT_DISTINCT(TRANSACTIONS.MERCHANT_CATEGORY, -30, 0, days) > 2",
                "first-fuel.csv", "--train-anchors", "2");
        assertTrue(fuel.contains(",1,train\n") && fuel.contains(",0,train\n"), "labels of both kinds expected");
        sameParquetRows(bank, "PREDICT LAST(PRODUCT_HOLDINGS.PRODUCT_ID, 0, 12, months) FOR EACH "
                + "CUSTOMERS.CUSTOMER_ID WHERE LAST(PRODUCT_HOLDINGS.STATUS, -24, 0, months) = 'active'",
                "last-product.parquet", "--train-anchors", "3");
    }

    /**
     * The window's edges and the time order for a category, against hand-computed codes (Finished 0, Retired 1,
     * Accident 2: the order of first appearance; sorted they would be 1, 2, 0): a row exactly at the anchor is history,
     * a row exactly at anchor + 30 days is label, rows of equal time go by file row, a null status is skipped.
     */
    @Test
    void firstAndLastOfACategoryAtTheWindowsEdgesAsOnOneMachine() throws IOException {
        String first = sameFile(f1Named, "PREDICT FIRST(results.statusId, 0, 30, days) FOR EACH drivers.driverId",
                "first-status.csv", SmallF1.SPLIT);
        // driver 1: Finished exactly at the val anchor (history), Retired exactly at val + 30 days (label)
        assertTrue(first.contains("\n1,2020-02-01T00:00:00Z,1,val\n"), first);
        // driver 4: Retired only exactly at 2020-02-01: the last instant of train 2020-01-02's window, not val's
        assertTrue(first.contains("\n4,2020-01-02T00:00:00Z,1,train\n"), first);
        assertTrue(first.lines().noneMatch(l -> l.startsWith("4,") && l.endsWith(",val")), first);
        // driver 3: Retired exactly at the train anchor 2020-01-02 and nothing after it in that window
        assertTrue(first.lines().noneMatch(l -> l.startsWith("3,2020-01-02")), first);
        // driver 5: Retired and Finished at the same time, Retired listed first
        assertTrue(first.contains("\n5,2020-01-02T00:00:00Z,1,train\n"), first);
        String last = sameFile(f1Named, "PREDICT LAST(results.statusId, 0, 30, days) FOR EACH drivers.driverId",
                "last-status.csv", SmallF1.SPLIT);
        assertTrue(last.contains("\n1,2020-02-01T00:00:00Z,1,val\n"), last);
        assertTrue(last.contains("\n5,2020-01-02T00:00:00Z,0,train\n"), last);
        // driver 6: Finished, then a result without a status: LAST skips the null
        assertTrue(last.contains("\n6,2020-01-02T00:00:00Z,0,train\n"), last);
        sameFile(f1Named, "PREDICT LAST(results.statusId, 0, 30, days) = 'Retired' FOR EACH drivers.driverId "
                + "WHERE FIRST(results.statusId, -30, 0, days) != 'Accident'", "retired.csv", SmallF1.SPLIT);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Runs both paths into CSV files and asserts they are identical; returns the file's text. */
    static String sameFile(Path data, String pql, String name, String... splitOptions) throws IOException {
        Path expected = tmp.resolve("single-" + name);
        singleMachine(data, pql, expected, splitOptions);
        Path actual = tmp.resolve("spark-" + name);
        runSpark(data, pql, actual, splitOptions);
        String want = Files.readString(expected);
        assertTrue(want.lines().count() > 5, "too few rows to compare: " + want);
        assertEquals(want, Files.readString(actual), pql);
        return want;
    }

    /** Parquet: the two files' rows, read back with Spark, are equal in order and value. */
    static void sameParquetRows(Path data, String pql, String name, String... splitOptions) throws IOException {
        Path expected = tmp.resolve("single-" + name);
        singleMachine(data, pql, expected, splitOptions);
        Path actual = tmp.resolve("spark-" + name);
        runSpark(data, pql, actual, splitOptions);
        List<String> want = spark.read().parquet(expected.toString()).collectAsList().stream().map(Object::toString)
                .toList();
        List<String> got = spark.read().parquet(actual.toString()).collectAsList().stream().map(Object::toString)
                .toList();
        assertTrue(want.size() > 10, "too few rows to compare: " + want);
        assertEquals(want, got, pql);
        assertEquals(spark.read().parquet(expected.toString()).schema(), spark.read().parquet(actual.toString())
                .schema());
    }

    /** What {@code relgraph query --data DIR --query PQL --out FILE [split options]} does. */
    static void singleMachine(Path data, String pql, Path out, String... splitOptions) throws IOException {
        Database db = DataSources.open(data.toString()).load().database();
        Task task = Task.bind(db, pql);
        SplitPlanner planner = task.splitPlanner();
        for (int i = 0; i < splitOptions.length; i += 2) {
            String value = splitOptions[i + 1];
            switch (splitOptions[i]) {
                case "--train-anchors" -> planner.trainAnchorCount(Integer.parseInt(value));
                case "--train-anchor-step" -> planner.trainAnchorStep(Integer.parseInt(value));
                case "--eval-anchors" -> planner.maxEvalAnchors(Integer.parseInt(value));
                case "--val-time" -> planner.valTime(TimestampLiteral.parse(value).orElseThrow());
                case "--test-time" -> planner.testTime(TimestampLiteral.parse(value).orElseThrow());
                default -> throw new IllegalArgumentException(splitOptions[i]);
            }
        }
        TrainingTableWriter.write(task.tables(planner.plan()), out, ReplacePolicy.OWN_OUTPUT_ONLY);
    }

    static void runSpark(Path data, String pql, Path out, String... splitOptions) {
        List<String> args = new ArrayList<>(List.of("labels", "--data", data.toString(), "--query", pql,
                "--out", out.toString()));
        args.addAll(List.of(splitOptions));
        Result r = run(args.toArray(String[]::new));
        assertEquals(0, r.code, r.err);
    }

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkMain.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
