package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.api.java.JavaSparkContext;
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
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.api.Evaluation;
import org.relgraph.models.api.Sources;
import org.relgraph.models.api.Task;
import org.relgraph.models.gnn.Checkpointing;
import org.relgraph.models.gnn.GnnInputs;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.query.TrainingSplits;
import org.relgraph.table.Database;

/**
 * {@code train} by parameter averaging (issue #22, job 4) against single-machine training on a generated bank, in
 * local mode: the same weights where the algorithm reduces to the single-machine loop, validation quality within
 * noise with two partitions, and the early-stopped bundle that {@code relgraph predict/evaluate} open.
 */
class SparkTrainTest {
    private static final String MORTGAGE = BankQueries.MORTGAGE;

    @TempDir
    static Path tmp;
    static JavaSparkContext jsc;
    static Path bank;
    static Database db;
    static Task task;
    static TrainingSplits tables;

    @BeforeAll
    static void start() throws IOException {
        jsc = JavaSparkContext.fromSparkContext(LocalSpark.session().sparkContext());
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(600, 5)).generate(bank);
        db = Sources.load(bank.toString());
        task = Task.bind(db, MORTGAGE);
        tables = task.tables(task.splitPlanner().trainAnchorCount(3).plan());
    }

    private static GnnConfig small(long seed, double dropout) {
        GnnConfig d = GnnConfig.defaults();
        return new GnnConfig(d.architecture().withHidden(16).withDropout(dropout), d.sampling(), d.optimisation(),
                d.loop().withBatchSize(128).withEpochs(2).withSeed(seed), d.task());
    }

    private static GnnPredictor single(GnnConfig config) {
        return GnnPredictor.train(GnnInputs.of(db), task.query(), tables, config, TrainingListener.NONE,
                Checkpointing.none());
    }

    /** Spark training in this JVM; {@code shared}: the tasks use this test's loaded database (else they load it). */
    private static GnnPredictor spark(GnnConfig config, int partitions, int steps,
                                      ParameterAveraging.OptimiserState mode, boolean shared) {
        GnnInputs inputs = GnnInputs.of(db);
        String run = "test-" + partitions + "-" + steps + "-" + mode + "-" + config.seed();
        if (shared) {
            TrainingWorkers.register(bank.toString(), null, db, inputs.graph());
        }
        ParameterAveraging[] averaging = new ParameterAveraging[1];
        try {
            return GnnPredictor.train(inputs, task.query(), tables, config, TrainingListener.NONE,
                    Checkpointing.none(), p -> averaging[0] = new ParameterAveraging(jsc,
                            TrainingWorkers.Recipe.of(run, bank.toString(), null, null, p), partitions, steps, mode,
                            line -> { }));
        } finally {
            averaging[0].release();
            TrainingWorkers.release(bank.toString(), null, run);
        }
    }

    private static void assertSameWeights(GnnPredictor expected, GnnPredictor actual) {
        Map<String, INDArray> e = expected.bundle().weights().values();
        Map<String, INDArray> a = actual.bundle().weights().values();
        assertEquals(e.keySet(), a.keySet());
        for (String name : e.keySet()) {
            assertArrayEquals(e.get(name).castTo(DataType.FLOAT).data().asFloat(),
                    a.get(name).castTo(DataType.FLOAT).data().asFloat(), 0f, name);
        }
    }

    @Test
    void onePartitionAveragingOncePerEpochGivesTheSingleMachineWeightsBitForBit() {
        // k above the epoch's batches: one round per epoch, the worker takes the single-machine loop's steps with
        // its sampler and dropout streams; epoch 2 starts from the moments epoch 1's round returned.
        GnnConfig config = small(7, 0.1);
        try (GnnPredictor one = single(config);
             GnnPredictor averaged = spark(config, 1, 1_000, ParameterAveraging.OptimiserState.AVERAGED, true)) {
            assertSameWeights(one, averaged);
            assertEquals(one.metrics(), averaged.metrics());
        }
    }

    @Test
    void onePartitionWithoutDropoutGivesTheSingleMachineWeightsWhateverTheAveragingSteps() {
        // Rounds of 2 steps: each round resumes from the averaged (here: the one worker's) weights, moments and step
        // count, so with no random stream left (MOST_RECENT sampling, no dropout) it is the single-machine run.
        GnnConfig config = small(11, 0.0);
        try (GnnPredictor one = single(config);
             GnnPredictor averaged = spark(config, 1, 2, ParameterAveraging.OptimiserState.AVERAGED, true)) {
            assertSameWeights(one, averaged);
        }
    }

    @Test
    void twoPartitionsReachTheSingleMachineValidationAurocWithinNoise() {
        GnnConfig config = small(3, 0.1);
        config = config.withLoop(config.loop().withEpochs(6).withBatchSize(64));
        double single;
        try (GnnPredictor one = single(config)) {
            single = one.metrics().get("val_auroc");
        }
        // the tasks load the database themselves, as executors in other JVMs do
        try (GnnPredictor two = spark(config, 2, 2, ParameterAveraging.OptimiserState.AVERAGED, false)) {
            double spark = two.metrics().get("val_auroc");
            System.out.println("val AUROC single " + single + " two partitions " + spark);
            assertTrue(spark > 0.65, "two partitions learned nothing: val AUROC " + spark + " (single " + single + ")");
            assertTrue(Math.abs(spark - single) < 0.05, "val AUROC " + spark + " vs single-machine " + single);
        }
    }

    @Test
    void trainCommandWritesTheBestEpochsBundleWhichTheLoaderOpens() throws IOException {
        Path out = tmp.resolve("model");
        StringWriter so = new StringWriter();
        StringWriter se = new StringWriter();
        int code = SparkMain.run(new String[] {"train", "--data", bank.toString(), "--query", MORTGAGE,
            "--train-anchors", "3", "--out", out.toString(), "--partitions", "2", "--averaging-steps", "3",
            "--hidden", "16", "--batch-size", "64", "--lr", "0.02", "--epochs", "10", "--patience", "2", "--seed", "5"},
                new PrintWriter(so), new PrintWriter(se));
        assertEquals(0, code, so + "\n" + se);
        List<Double> val = new ArrayList<>();
        Matcher m = Pattern.compile("epoch \\d+/10 .* val \\S+ ([0-9.]+)").matcher(so.toString());
        while (m.find()) {
            val.add(Double.parseDouble(m.group(1)));
        }
        int best = 0;
        for (int e = 1; e < val.size(); e++) {
            best = val.get(e) > val.get(best) ? e : best;
        }
        assertTrue(best < val.size() - 1, "the test needs a run that went on after its best epoch: " + val);
        try (EntityModel loaded = ModelLoader.load(out, db)) {
            assertEquals("gnn", loaded.kind());
            assertEquals(best + 1, loaded.metrics().get("best_epoch"), 0.0);
            // the bundle's weights are the best epoch's: scored again, validation gives that epoch's AUROC
            Evaluation evaluation = Evaluation.of(loaded, db);
            double auroc = evaluation.metrics("val").get("auroc");
            assertEquals(val.get(best), auroc, 1e-4);
        }
        assertTrue(Files.isRegularFile(out.resolve("bundle.json")));
    }
}
