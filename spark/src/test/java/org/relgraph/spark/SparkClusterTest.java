package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.datasets.bank.BankConfig;
import org.relgraph.datasets.bank.BankGenerator;

/**
 * The labels job on a real standalone cluster: a Master and two one-core Workers, each its own JVM on 127.0.0.1
 * ({@link StandaloneCluster}), and the job's driver in a fourth JVM ({@code SparkMain labels --master spark://...}),
 * as {@code spark-submit} runs it in client mode. Its file must be the single-machine {@code relgraph query --out}
 * file byte for byte, also when a Worker is killed (SIGKILL) while the job's shuffle stages run. The neighbourhoods
 * job with child summaries, then score and train over its output, run on the same cluster and must write what local
 * mode writes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {
    /** A SUM (floating-point: exact only if every retried partial sum adds in the same order) behind a child filter. */
    private static final String SUM = "PREDICT SUM(TRANSACTIONS.AMOUNT, 0, 30, days) FOR EACH CUSTOMERS.CUSTOMER_ID "
            + "WHERE PRODUCT_HOLDINGS.PRODUCT = 'Credit Card'";
    private static final String[] BANK_SPLIT = {"--train-anchors", "4"};
    /** A guard against a hung driver, not a speed requirement. */
    private static final Duration JOB_DEADLINE = Duration.ofMinutes(10);
    /** The same guard for the neighbourhoods job (about 60 small Spark jobs): it passed 10 minutes at load 27. */
    private static final Duration NEIGHBOURHOODS_DEADLINE = Duration.ofMinutes(25);

    @TempDir
    static Path tmp;
    static Path bank;
    static StandaloneCluster cluster;
    /** The neighbourhoods test's outputs (its labels file; local[2]'s and the cluster's folders), reused after it. */
    static Path bankLabels;
    static Path neighbourhoodsLocal;
    static Path neighbourhoodsOnCluster;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        bank = tmp.resolve("bank");
        new BankGenerator(BankConfig.of(400, 11)).generate(bank);
        cluster = StandaloneCluster.start(tmp.resolve("cluster"), 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
            assertEquals(List.of(), cluster.alive(), "processes left running after the cluster stopped");
        }
    }

    @Test
    @Order(1)
    void labelsOnTheClusterEqualTheSingleMachineFile() throws Exception {
        Path f1 = SmallF1.write(tmp.resolve("f1"));
        Path expected = tmp.resolve("single-dnf.csv");
        SparkLabelsTest.singleMachine(f1, SmallF1.DNF, expected, SmallF1.SPLIT);
        Path out = tmp.resolve("cluster-dnf.csv");
        Path events = tmp.resolve("dnf-events.txt");
        finish(startLabels(f1, SmallF1.DNF, out, events, "dnf", SmallF1.SPLIT), "dnf");
        assertEquals(Files.readString(expected), Files.readString(out));
        // both Workers' executors ran tasks of it: a cluster run, not a local one
        assertEquals(Set.of("0", "1"), executorsWithSuccessfulTasks(ClusterEvents.read(events)),
                String.join("\n", ClusterEvents.read(events)));
    }

    /**
     * The neighbourhoods job with {@code --model} (subgraphs and child summaries, the summaries' UDF run by the
     * executors) on the cluster writes the rows {@code local[2]} writes, in every bucket. Runs before the kill test,
     * which leaves one Worker.
     */
    @Test
    @Order(2)
    void neighbourhoodsWithSummariesOnTheClusterEqualLocal() throws Exception {
        Path labels = tmp.resolve("bank-mortgage.csv");
        SparkLabelsTest.singleMachine(bank, SparkChildSummariesTest.MORTGAGE, labels, BANK_SPLIT);
        Path model = SparkChildSummariesTest.trainSmallModel(bank, tmp.resolve("model"));
        // one hop: every summarised node is a seed customer; each hop adds Spark jobs, and on two one-core
        // executors each job's fixed cost, not the data, is the time
        List<String> job = List.of("neighbourhoods", "--data", bank.toString(), "--labels", labels.toString(),
                "--model", model.toString(), "--fanouts", "2", "--buckets", "2");
        Path local = tmp.resolve("neigh-local");
        SparkSession spark = LocalSpark.session();
        List<String> localArgs = new ArrayList<>(job);
        localArgs.addAll(List.of("--out", local.toString()));
        SparkLabelsTest.Result r = SparkLabelsTest.run(localArgs.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());

        Path onCluster = tmp.resolve("neigh-cluster");
        Path events = tmp.resolve("neigh-events.txt");
        Map<String, String> conf = new HashMap<>(cluster.driverConf());
        conf.put("spark.extraListeners", ClusterEvents.class.getName());
        conf.put(ClusterEvents.FILE, events.toString());
        conf.put("spark.locality.wait", "0s");
        List<String> args = new ArrayList<>(job);
        args.addAll(List.of("--master", cluster.url(), "--out", onCluster.toString()));
        finish(cluster.startDriver(conf, args, tmp.resolve("neigh-driver.log")), "neigh", NEIGHBOURHOODS_DEADLINE);
        assertEquals(Set.of("0", "1"), executorsWithSuccessfulTasks(ClusterEvents.read(events)),
                String.join("\n", ClusterEvents.read(events)));

        for (String part : List.of("subgraphs", "summaries")) {
            List<String> want = rowsOf(spark, local.resolve(part));
            assertTrue(want.size() > 100, part + ": " + want.size());
            assertEquals(want, rowsOf(spark, onCluster.resolve(part)), part);
        }
        assertTrue(Files.readString(onCluster.resolve("neighbourhoods.json")).contains("\"summaries\": "));
        bankLabels = labels;
        neighbourhoodsLocal = local;
        neighbourhoodsOnCluster = onCluster;
    }

    /**
     * score over the neighbourhoods the cluster wrote, with a one-layer model of their fanout (without child
     * summaries: the forward passes, not the summaries, are what this adds), run on the cluster's executors: the
     * same rows as local[2] over local mode's neighbourhoods.
     */
    @Test
    @Order(3)
    void scoreOnTheClusterEqualsLocal() throws Exception {
        Path model = tmp.resolve("one-hop-model");
        org.relgraph.table.Database db = org.relgraph.models.api.Sources.load(bank.toString());
        org.relgraph.models.api.Task task = org.relgraph.models.api.Task.bind(db, SparkChildSummariesTest.MORTGAGE);
        org.relgraph.gnn.model.GnnConfig config = org.relgraph.gnn.model.GnnConfig.defaults().withHidden(8)
                .withLayers(1).withFanouts(2).withBatchSize(256).withEpochs(1).withSeed(3).withChildSummaries(false);
        try (org.relgraph.models.gnn.GnnPredictor p = org.relgraph.models.gnn.GnnPredictor.train(db, task.query(),
                task.tables(task.splitPlanner().trainAnchorCount(4).plan()), config,
                org.relgraph.gnn.train.TrainingListener.NONE)) {
            p.save(model);
        }
        Path local = tmp.resolve("scores-local");
        SparkLabelsTest.Result r = SparkLabelsTest.run("score", "--model", model.toString(), "--data",
                bank.toString(), "--neighbourhoods", neighbourhoodsLocal.toString(), "--out", local.toString());
        assertEquals(0, r.code(), r.err());
        Path onCluster = tmp.resolve("scores-cluster");
        finish(startOnCluster("score", List.of("score", "--model", model.toString(), "--data", bank.toString(),
                "--neighbourhoods", neighbourhoodsOnCluster.toString(), "--out", onCluster.toString()), "0s"), "score");
        List<String> want = rowsOf(LocalSpark.session(), local);
        assertTrue(want.size() > 100, "scores: " + want.size());
        assertEquals(want, rowsOf(LocalSpark.session(), onCluster));
    }

    /**
     * train --neighbourhoods on the cluster: two partitions, each cached on an executor with its seeds' rows and
     * their child summaries (computed there with the driver's fitted encoding), one averaging round; the bundle's
     * weights equal local[2]'s within 1e-5 (the same placement, batches and sums; see the assertion for why not
     * bit for bit).
     */
    @Test
    @Order(4)
    void trainFromNeighbourhoodsOnTheClusterEqualsLocal() throws Exception {
        List<String> job = List.of("train", "--data", bank.toString(), "--query", SparkChildSummariesTest.MORTGAGE,
                "--train-anchors", "4", "--layers", "1", "--fanouts", "2", "--hidden", "8", "--epochs", "1",
                "--batch-size", "256", "--seed", "3", "--partitions", "2", "--averaging-steps", "1000", "--threads", "1");
        Path local = tmp.resolve("train-local");
        List<String> localArgs = new ArrayList<>(job);
        localArgs.addAll(List.of("--neighbourhoods", neighbourhoodsLocal.toString(), "--out", local.toString()));
        SparkLabelsTest.Result r = SparkLabelsTest.run(localArgs.toArray(String[]::new));
        assertEquals(0, r.code(), r.out() + r.err());
        Path onCluster = tmp.resolve("train-cluster");
        List<String> args = new ArrayList<>(job);
        args.addAll(List.of("--neighbourhoods", neighbourhoodsOnCluster.toString(), "--out", onCluster.toString()));
        // Spark's locality wait: each round's task waits for the executor that caches its partition
        finish(startOnCluster("train", args, "3s"), "train");
        org.relgraph.models.gnn.ModelBundle want = org.relgraph.models.gnn.ModelBundle.load(local);
        org.relgraph.models.gnn.ModelBundle got = org.relgraph.models.gnn.ModelBundle.load(onCluster);
        assertEquals(want.weights().values().keySet(), got.weights().values().keySet());
        // Not bit for bit: a first run differed in one weight by one float ulp (1.6e-10) after the round, the
        // executors' ND4J/BLAS being another JVM than the test's; so within 1e-5, and the largest gap is printed.
        double largest = 0;
        for (String name : want.weights().values().keySet()) {
            float[] w = want.weights().values().get(name).data().asFloat();
            float[] g = got.weights().values().get(name).data().asFloat();
            org.junit.jupiter.api.Assertions.assertArrayEquals(w, g, 1e-5f, name);
            for (int i = 0; i < w.length; i++) {
                largest = Math.max(largest, Math.abs(w[i] - g[i]));
            }
        }
        System.out.println("train --neighbourhoods, cluster vs local[2]: largest weight difference " + largest);
        assertEquals(want.manifest().metrics().get("val_auroc"), got.manifest().metrics().get("val_auroc"), 1e-3);
    }

    /** A job's driver on the cluster, its log under {@code name}. */
    private static Process startOnCluster(String name, List<String> job, String localityWait) throws IOException {
        Map<String, String> conf = new HashMap<>(cluster.driverConf());
        conf.put("spark.locality.wait", localityWait);
        List<String> args = new ArrayList<>(job);
        args.addAll(List.of("--master", cluster.url()));
        return cluster.startDriver(conf, args, tmp.resolve(name + "-driver.log"));
    }

    /** Every row of a Parquet dataset (its partition columns included) as text, sorted. */
    private static List<String> rowsOf(SparkSession spark, Path dataset) {
        return spark.read().parquet(dataset.toString()).collectAsList().stream().map(Row::toString).sorted()
                .toList();
    }

    /**
     * kill -9 of a Worker while the output rows stream to the driver: the rows are range-sorted, so every output
     * partition reads map output from both executors, and the driver fetches the partitions one job at a time
     * ({@code toLocalIterator}) as it writes them. Once the first partition has arrived the driver is frozen
     * (SIGSTOP), the Worker of the executor that wrote the sort's last map output is killed, and the driver goes
     * on: the later partitions miss that map output, Spark recomputes it on the other executor, and the file is
     * still complete, without a duplicate, equal to the single-machine file. Each partition's rows are taken once,
     * from the attempt that succeeded, into a temporary file renamed when complete, so a retried task cannot add
     * rows twice.
     */
    @Test
    @Order(5)
    void killingAWorkerMidJobStillGivesTheCompleteFileOnce() throws Exception {
        Path expected = tmp.resolve("single-sum.csv");
        SparkLabelsTest.singleMachine(bank, SUM, expected, BANK_SPLIT);
        Path out = tmp.resolve("cluster-sum.csv");
        Path events = tmp.resolve("sum-events.txt");
        Process driver = startLabels(bank, SUM, out, events, "sum", BANK_SPLIT);
        StandaloneCluster.await("the first output partition", JOB_DEADLINE, () ->
                !driver.isAlive() || firstOutputTask(ClusterEvents.read(events)) >= 0);
        assertTrue(driver.isAlive(), "the driver ended before the kill:\n" + log("sum"));
        StandaloneCluster.signal(driver, "STOP");
        List<String> before = ClusterEvents.read(events);
        String victim = lastMapTaskExecutor(before, firstOutputTask(before));
        cluster.killWorker(cluster.workerOf(victim));
        StandaloneCluster.signal(driver, "CONT");
        finish(driver, "sum");

        List<String> lines = ClusterEvents.read(events);
        String trace = String.join("\n", lines);
        int removed = indexOf(lines, "executor-removed " + victim + " ", before.size());
        assertTrue(removed >= 0, "executor " + victim + " was not lost:\n" + trace);
        // the kill landed mid-job: output partitions were still fetched after it, and the lost map output was
        // computed again (a shuffle written before the kill is written again after it) or a fetch of it failed
        assertTrue(lines.subList(removed, lines.size()).stream().anyMatch(l -> l.startsWith("job-end ")),
                "no job ended after the executor was lost:\n" + trace);
        Set<String> shufflesBefore = new HashSet<>();
        for (String l : before) {
            String[] f = l.split(" ");
            if (f[0].equals("stage-submitted") && !f[4].equals("-")) {
                shufflesBefore.add(f[4]);
            }
        }
        assertTrue(lines.subList(removed, lines.size()).stream().anyMatch(l -> {
            String[] f = l.split(" ");
            return f[0].equals("stage-submitted") && shufflesBefore.contains(f[4])
                    || f[0].equals("task-end") && f[6].equals("FetchFailed");
        }), "nothing was recomputed after the kill:\n" + trace);
        String want = Files.readString(expected);
        String got = Files.readString(out);
        assertEquals(want.lines().count(), got.lines().count(), "rows lost or duplicated");
        assertEquals(want, got);
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static Process startLabels(Path data, String pql, Path out, Path events, String name,
            String... split) throws IOException {
        Map<String, String> conf = new HashMap<>(cluster.driverConf());
        conf.put("spark.extraListeners", ClusterEvents.class.getName());
        conf.put(ClusterEvents.FILE, events.toString());
        // several partitions per shuffle, spread over both executors at once (no waiting for a preferred one), so
        // the sorted output is several partitions, each fetched by its own job, reading from both executors
        conf.put("spark.sql.shuffle.partitions", "6");
        conf.put("spark.sql.adaptive.coalescePartitions.enabled", "false");
        conf.put("spark.locality.wait", "0s");
        List<String> args = new ArrayList<>(List.of("labels", "--master", cluster.url(), "--data", data.toString(),
                "--query", pql, "--out", out.toString()));
        args.addAll(List.of(split));
        return cluster.startDriver(conf, args, tmp.resolve(name + "-driver.log"));
    }

    private static void finish(Process driver, String name) throws InterruptedException {
        finish(driver, name, JOB_DEADLINE);
    }

    private static void finish(Process driver, String name, Duration deadline) throws InterruptedException {
        if (!driver.waitFor(deadline.toSeconds(), TimeUnit.SECONDS)) {
            driver.destroyForcibly();
            throw new AssertionError("the driver did not finish:\n" + log(name));
        }
        assertEquals(0, driver.exitValue(), log(name));
    }

    private static String log(String name) {
        return StandaloneCluster.tail(tmp.resolve(name + "-driver.log"), 60);
    }

    /** Executors that finished a task successfully. */
    private static Set<String> executorsWithSuccessfulTasks(List<String> lines) {
        Set<String> executors = new HashSet<>();
        for (String l : lines) {
            String[] f = l.split(" ");
            if (f[0].equals("task-end") && f[6].equals("Success$")) {
                executors.add(f[3]);
            }
        }
        return executors;
    }

    /**
     * The line of the first output task that succeeded, or -1: a result stage whose call site is in
     * LabelsCommand (the driver's iteration over the rows, one job per partition; Spark's other jobs are named
     * after its own classes).
     */
    private static int firstOutputTask(List<String> lines) {
        Set<String> outputStages = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String[] f = lines.get(i).split(" ");
            if (f[0].equals("stage-submitted") && f[4].equals("-")
                    && lines.get(i).contains(" at LabelsCommand.java:")) {
                outputStages.add(f[1]);
            } else if (f[0].equals("task-end") && outputStages.contains(f[1]) && f[6].equals("Success$")) {
                return i;
            }
        }
        return -1;
    }

    /** The executor of the last shuffle-map task that succeeded before line {@code end}: the sort's. */
    private static String lastMapTaskExecutor(List<String> lines, int end) {
        for (int i = end - 1; i >= 0; i--) {
            String[] f = lines.get(i).split(" ");
            if (f[0].equals("task-end") && f[4].equals("ShuffleMapTask") && f[6].equals("Success$")) {
                return f[3];
            }
        }
        throw new AssertionError("no shuffle-map task before the output:\n" + String.join("\n", lines));
    }

    private static int indexOf(List<String> lines, String prefix, int from, String... containing) {
        for (int i = from; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith(prefix) && List.of(containing).stream().allMatch(l::contains)) {
                return i;
            }
        }
        return -1;
    }
}
