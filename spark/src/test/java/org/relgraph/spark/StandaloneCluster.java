package org.relgraph.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real Spark standalone cluster on this machine: one Master and some Workers, each a separate JVM bound to
 * 127.0.0.1, started from the Spark classes on the test class path (no Spark distribution; the recipe is
 * STACK-FACTS.md's): the Workers get an empty {@code $SPARK_HOME/jars} and {@code SPARK_SCALA_VERSION=2.13} so
 * they can launch executors, and each application names the class path of its executors
 * ({@link #driverConf()}). Every port is chosen free at run time. {@link #close()} kills every process it
 * started, with the executors the Workers started, also when a test failed.
 */
final class StandaloneCluster implements AutoCloseable {
    /** A guard against a hung start, not a speed requirement: five sessions share two cores here. */
    private static final Duration START_DEADLINE = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String classPath;
    private final int masterPort;
    private final int masterUiPort;
    private final List<Process> workers = new ArrayList<>();
    private final List<Integer> workerUiPorts = new ArrayList<>();
    /** Every process started (Master, Workers, drivers) and the executors of killed Workers. */
    private final List<ProcessHandle> started = new ArrayList<>();

    private StandaloneCluster(Path dir) throws IOException {
        this.dir = dir;
        // Surefire sets java.class.path to the test class path: Spark, relgraph's classes and their dependencies.
        this.classPath = System.getProperty("java.class.path");
        this.masterPort = freePort();
        this.masterUiPort = freePort();
        Files.createDirectories(dir.resolve("spark-home/jars"));
    }

    /** Starts a Master and {@code workerCount} Workers of one core each, and waits until all are registered. */
    static StandaloneCluster start(Path dir, int workerCount) throws IOException, InterruptedException {
        StandaloneCluster cluster = new StandaloneCluster(dir);
        try {
            cluster.launch("master", List.of("-Dspark.master.rest.enabled=false",
                    "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + cluster.masterPort,
                    "--webui-port", "" + cluster.masterUiPort));
            for (int i = 0; i < workerCount; i++) {
                Path work = Files.createDirectories(dir.resolve("worker-" + i));
                int uiPort = freePort();
                cluster.workerUiPorts.add(uiPort);
                cluster.workers.add(cluster.launch("worker-" + i, List.of("org.apache.spark.deploy.worker.Worker",
                        "--host", "127.0.0.1", "--cores", "1", "--memory", "1g", "--webui-port", "" + uiPort,
                        "--work-dir", work.toString(), cluster.url())));
            }
            await("the Master to list " + workerCount + " alive Workers", START_DEADLINE,
                    () -> cluster.aliveWorkers() == workerCount);
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    String url() {
        return "spark://127.0.0.1:" + masterPort;
    }

    /**
     * What a driver needs to run on this cluster: executors of 1 core and 512 MB whose class path is this JVM's
     * (Spark and relgraph; a real cluster has Spark in its own jars folder and gets relgraph from the job jar),
     * no web UI.
     */
    Map<String, String> driverConf() {
        return Map.of("spark.executor.extraClassPath", classPath, "spark.executor.memory", "512m",
                "spark.executor.cores", "1", "spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1");
    }

    /**
     * Starts {@code SparkMain args} in its own JVM as a driver of this cluster with {@code conf} as Spark settings
     * (-D system properties, as spark-submit passes them), logging to {@code log}.
     */
    Process startDriver(Map<String, String> conf, List<String> args, Path log) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx768m"));
        jvm.addAll(javaModuleOptions());
        conf.forEach((k, v) -> jvm.add("-D" + k + "=" + v));
        jvm.add(SparkMain.class.getName());
        jvm.addAll(args);
        return start(jvm, log);
    }

    /** The Master's view of the cluster, from its web UI's JSON. */
    JsonNode masterState() throws IOException {
        return json(masterUiPort);
    }

    private static JsonNode json(int uiPort) throws IOException {
        try (InputStream in = URI.create("http://127.0.0.1:" + uiPort + "/json/").toURL().openStream()) {
            return JSON.readTree(in);
        }
    }

    int aliveWorkers() {
        try {
            return masterState().path("aliveworkers").asInt(0);
        } catch (IOException e) {
            return 0; // not listening yet
        }
    }

    /** The Worker running the executor with Spark executor id {@code executorId}, from the Workers' JSON. */
    int workerOf(String executorId) throws IOException {
        for (int i = 0; i < workers.size(); i++) {
            for (JsonNode e : json(workerUiPorts.get(i)).path("executors")) {
                if (e.path("id").asText().equals(executorId)) {
                    return i;
                }
            }
        }
        throw new AssertionError("no Worker runs executor " + executorId);
    }

    /** kill -STOP / kill -CONT: freezes a process (its threads stop where they are) and lets it go on. */
    static void signal(Process p, String signal) throws IOException, InterruptedException {
        int code = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start().waitFor();
        if (code != 0) {
            throw new AssertionError("kill -" + signal + " " + p.pid() + " exited with " + code);
        }
    }

    /** kill -9 of Worker {@code i} (SIGKILL: no shutdown hook runs); its executors lose their Worker. */
    void killWorker(int i) throws InterruptedException {
        Process worker = workers.get(i);
        worker.descendants().forEach(started::add); // its executors: killed in close() if still alive
        worker.destroyForcibly();
        worker.waitFor();
    }

    /** Polls {@code condition} every 50 ms until it holds; fails after {@code limit} (a guard against a hang). */
    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    /** The last lines of a log file, for a failure message. */
    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    Path dir() {
        return dir;
    }

    private Process launch(String name, List<String> args) throws IOException {
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m"));
        jvm.addAll(args);
        return start(jvm, dir.resolve(name + ".log"));
    }

    private Process start(List<String> jvmArgs, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", classPath));
        command.addAll(jvmArgs);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_HOME", dir.resolve("spark-home").toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.remove("SPARK_CONF_DIR");
        Process p = pb.start();
        started.add(p.toHandle());
        return p;
    }

    /** Spark's --add-opens list for Java 17, as this JVM got it from surefire (spark-submit adds the same). */
    private static List<String> javaModuleOptions() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-modules")
                        || a.startsWith("-Dio.netty.tryReflectionSetAccessible"))
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Kills every process started and every executor under them (SIGKILL), and waits until they are gone. */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle p : started) {
            all.add(p);
            p.descendants().forEach(all::add);
        }
        // children first, so a Worker cannot start a replacement executor between the two kills
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).destroyForcibly();
        }
        for (ProcessHandle p : all) {
            try {
                p.onExit().get(1, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new AssertionError("process " + p.pid() + " did not exit", e);
            }
        }
    }

    /** The processes started and not yet gone (executors included): none after {@link #close()}. */
    List<ProcessHandle> alive() {
        List<ProcessHandle> all = new ArrayList<>();
        for (ProcessHandle p : started) {
            Stream.concat(Stream.of(p), p.descendants()).filter(ProcessHandle::isAlive).forEach(all::add);
        }
        return all;
    }
}
