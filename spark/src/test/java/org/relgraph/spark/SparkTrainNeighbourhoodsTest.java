package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;
import org.relgraph.datasets.bank.BankQueries;
import org.relgraph.gnn.model.GnnConfig;
import org.relgraph.gnn.train.TrainingListener;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.api.Sources;
import org.relgraph.models.api.Task;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.query.TrainingSplits;
import org.relgraph.query.TrainingTableWriter;
import org.relgraph.sampling.SamplerConfig;
import org.relgraph.table.Database;

/**
 * {@code train --neighbourhoods} (issue #22, job 4 over materialised neighbourhoods): the training rows written as a
 * labels file, {@code neighbourhoods} run on them with the model's fanouts, then {@code SparkMain train} reads its
 * batches from them (executors hold only their partition's seeds' rows and the values those name). One partition
 * gives the single-machine weights bit for bit (child summaries computed on Spark included), two reach its
 * validation AUROC within noise; neighbourhoods that do not fit the request are refused.
 */
class SparkTrainNeighbourhoodsTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;

    @TempDir
    static Path tmp;
    static Path bank;
    static Database db;
    static Task task;
    static TrainingSplits tables;
    static Path neighbourhoods;

    @BeforeAll
    static void start() throws IOException {
        LocalSpark.session();
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(600, 5)).generate(bank);
        db = Sources.load(bank.toString());
        task = Task.bind(db, MORTGAGE);
        tables = task.tables(task.splitPlanner().trainAnchorCount(3).plan());
        // the training rows as relgraph query --out writes them: the seeds of the neighbourhoods
        Path labels = tmp.resolve("mortgage.csv");
        TrainingTableWriter.write(tables, labels, ReplacePolicy.force(false));
        neighbourhoods = tmp.resolve("neighbourhoods");
        SparkScoreTest.run("neighbourhoods", "--data", bank.toString(), "--labels", labels.toString(), "--fanouts",
                "4,3", "--buckets", "2", "--out", neighbourhoods.toString());
    }

    private static GnnConfig small(long seed, double dropout, int epochs, int batch) {
        GnnConfig d = GnnConfig.defaults();
        return new GnnConfig(d.architecture().withHidden(16).withDropout(dropout), d.sampling().withFanouts(4, 3),
                d.optimisation(), d.loop().withBatchSize(batch).withEpochs(epochs).withSeed(seed), d.task());
    }

    private static GnnPredictor single(GnnConfig config) {
        return GnnPredictor.train(GnnInputs.of(db), task.query(), tables, config, TrainingListener.NONE,
                Checkpointing.none());
    }

    /** {@code SparkMain train --neighbourhoods} with the options of {@link #small}. */
    private static SparkLabelsTest.Result train(Path out, long seed, double dropout, int epochs, int batch,
                                                String... more) {
        return train(out, 3, seed, dropout, epochs, batch, more);
    }

    private static SparkLabelsTest.Result train(Path out, int anchors, long seed, double dropout, int epochs,
                                                int batch, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", bank.toString(), "--query", MORTGAGE,
                "--train-anchors", String.valueOf(anchors), "--neighbourhoods", neighbourhoods.toString(), "--out", out.toString(),
                "--hidden", "16", "--fanouts", "4,3", "--dropout", String.valueOf(dropout), "--epochs",
                String.valueOf(epochs), "--batch-size", String.valueOf(batch), "--seed", String.valueOf(seed)));
        args.addAll(List.of(more));
        return SparkLabelsTest.run(args.toArray(String[]::new));
    }

    private static ModelBundle trained(SparkLabelsTest.Result r, Path out) throws IOException {
        assertEquals(0, r.code(), r.out() + "\n" + r.err());
        return ModelBundle.load(out);
    }

    @Test
    void onePartitionFromNeighbourhoodsGivesTheSingleMachineWeightsBitForBit() throws IOException {
        // One partition holds every seed; one round per epoch (k above the epoch's batches), so the worker takes
        // the single-machine loop's steps in its order, with its dropout stream, on batches rebuilt from the stored
        // rows node for node (MOST_RECENT has no random stream), child summaries computed on Spark.
        Path out = tmp.resolve("one-partition");
        SparkLabelsTest.Result r = train(out, 7, 0.1, 2, 128, "--partitions", "1", "--averaging-steps", "1000");
        ModelBundle spark = trained(r, out);
        assertTrue(r.out().contains("neighbourhoods: "), r.out());
        try (GnnPredictor one = single(small(7, 0.1, 2, 128))) {
            Map<String, INDArray> e = one.bundle().weights().values();
            Map<String, INDArray> a = spark.weights().values();
            assertEquals(e.keySet(), a.keySet());
            for (String name : e.keySet()) {
                assertArrayEquals(e.get(name).castTo(DataType.FLOAT).data().asFloat(),
                        a.get(name).castTo(DataType.FLOAT).data().asFloat(), 0f, name);
            }
            assertEquals(one.metrics().get("val_auroc"), spark.manifest().metrics().get("val_auroc"), 0.0);
        }
    }

    @Test
    void twoPartitionsFromNeighbourhoodsReachTheSingleMachineValidationAurocWithinNoise() throws IOException {
        double single;
        try (GnnPredictor one = single(small(3, 0.1, 6, 64))) {
            single = one.metrics().get("val_auroc");
        }
        Path out = tmp.resolve("two-partitions");
        SparkLabelsTest.Result r = train(out, 3, 0.1, 6, 64, "--partitions", "2", "--averaging-steps", "2");
        double spark = trained(r, out).manifest().metrics().get("val_auroc");
        System.out.println("val AUROC single " + single + ", two partitions from neighbourhoods " + spark);
        assertTrue(spark > 0.65, "two partitions learned nothing: val AUROC " + spark + " (single " + single + ")");
        assertTrue(Math.abs(spark - single) < 0.05, "val AUROC " + spark + " vs single-machine " + single);
    }

    private static void refused(SparkLabelsTest.Result r, String error, String hint) {
        assertEquals(SparkMain.USER_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: " + error), r.err());
        assertTrue(r.err().contains("\nhint: " + hint), r.err());
    }

    @Test
    void uniformSamplingOrAnUnreachableDatabaseAreRefusedBeforeSparkWork() {
        // the data does not exist: the sampler is checked first
        SparkLabelsTest.Result r = SparkLabelsTest.run("train", "--data", tmp.resolve("no-such-data").toString(),
                "--query", MORTGAGE, "--neighbourhoods", neighbourhoods.toString(), "--sampling", "UNIFORM",
                "--out", tmp.resolve("uniform").toString());
        refused(r, "--neighbourhoods serves MOST_RECENT sampling only, and --sampling is UNIFORM",
                "give --sampling MOST_RECENT (the default), or leave out --neighbourhoods");
        assertFalse(Files.exists(tmp.resolve("uniform")));
        // a database is read like a folder (SparkInputSourcesTest); one that cannot be reached is refused at once
        SparkLabelsTest.Result jdbc = SparkLabelsTest.run("train", "--data", "jdbc:postgresql://127.0.0.1:1/bank",
                "--query", MORTGAGE, "--neighbourhoods", neighbourhoods.toString(), "--out",
                tmp.resolve("jdbc").toString());
        assertEquals(SparkMain.USER_ERROR, jdbc.code(), jdbc.out() + jdbc.err());
        assertTrue(jdbc.err().startsWith("error: cannot reach PostgreSQL at 127.0.0.1:1"), jdbc.err());
        assertFalse(Files.exists(tmp.resolve("jdbc")));
    }

    @Test
    void neighbourhoodsOfAnotherEntityTableAreRefusedBeforeSparkWork() throws IOException {
        Path other = tmp.resolve("neighbourhoods-of-transactions");
        Files.createDirectories(other.resolve("subgraphs"));
        Files.writeString(other.resolve("neighbourhoods.json"), Files.readString(neighbourhoods.resolve(
                "neighbourhoods.json")).replace("\"entity_table\": \"customers\"", "\"entity_table\": \"transactions\""));
        refused(SparkLabelsTest.run("train", "--data", bank.toString(), "--query", MORTGAGE, "--neighbourhoods",
                        other.toString(), "--fanouts", "4,3", "--out", tmp.resolve("entity").toString()),
                "--neighbourhoods " + other + " hold seeds of transactions, and the query predicts for customers",
                "materialise the neighbourhoods of this query's training rows");
    }

    @Test
    void neighbourhoodsOfOtherFanoutsCutoffDataOrSeedsAreRefused() throws IOException {
        refused(SparkLabelsTest.run("train", "--data", bank.toString(), "--query", MORTGAGE, "--neighbourhoods",
                        neighbourhoods.toString(), "--out", tmp.resolve("m1").toString()),
                "--neighbourhoods " + neighbourhoods + " were sampled with fanouts [4, 3], and this training samples "
                        + "[10, 5]", "run relgraph-spark neighbourhoods with --fanouts 10,5, or train with --fanouts 4,3");
        refused(train(tmp.resolve("m2"), 1, 0, 1, 64, "--input-cutoff", "2024-01-01"),
                "--neighbourhoods " + neighbourhoods + " were sampled with no --input-cutoff, and this training has "
                        + "--input-cutoff 2024-01-01T00:00:00Z", "run relgraph-spark neighbourhoods with --input-cutoff");
        Path copy = tmp.resolve("bank-copy");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(bank)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        refused(SparkLabelsTest.run("train", "--data", copy.toString(), "--query", MORTGAGE, "--neighbourhoods",
                        neighbourhoods.toString(), "--fanouts", "4,3", "--out", tmp.resolve("m3").toString()),
                "--neighbourhoods " + neighbourhoods + " were sampled from " + bank.toAbsolutePath() + ", and --data is "
                        + copy.toAbsolutePath(), "run relgraph-spark neighbourhoods --data " + copy.toAbsolutePath());
        refused(SparkLabelsTest.run("train", "--data", bank.toString(), "--query", MORTGAGE, "--neighbourhoods",
                        tmp.resolve("bank").toString(), "--out", tmp.resolve("m4").toString()),
                "--neighbourhoods " + bank + " is not a folder relgraph-spark neighbourhoods wrote",
                "give the --out folder of relgraph-spark neighbourhoods");
        // a fourth train anchor: seeds the neighbourhoods (of three anchors' rows) do not hold
        SparkLabelsTest.Result r = train(tmp.resolve("m5"), 4, 1, 0, 1, 64);
        assertEquals(SparkMain.USER_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.err().matches("(?s)error: --neighbourhoods " + java.util.regex.Pattern.quote(neighbourhoods
                .toString()) + " hold no neighbourhood for \\d+ of the \\d+ training seeds \\(first: customers \\S+ "
                + "as of \\S+\\)\nhint: materialise them from this training request's rows: .*"), r.err());
        for (String m : List.of("m1", "m2", "m3", "m4", "m5")) {
            assertFalse(Files.exists(tmp.resolve(m)), m);
        }
    }

    @Test
    void samplingOptionSetsTheStrategyOfTheDatabasePath() {
        String[] required = {"--data", "bank", "--query", MORTGAGE, "--out", "model"};
        TrainCommand c = new TrainCommand();
        new picocli.CommandLine(c).parseArgs(required);
        assertEquals(SamplerConfig.Strategy.MOST_RECENT, c.config().samplingStrategy());
        TrainCommand uniform = new TrainCommand();
        new picocli.CommandLine(uniform).parseArgs(java.util.stream.Stream.concat(java.util.Arrays.stream(required),
                java.util.stream.Stream.of("--sampling", "UNIFORM")).toArray(String[]::new));
        assertEquals(SamplerConfig.Strategy.UNIFORM, uniform.config().samplingStrategy());
    }
}
