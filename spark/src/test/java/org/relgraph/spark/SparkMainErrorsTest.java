package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.SchemaException;
import picocli.CommandLine;

/** Bad input to the Spark labels job: one {@code error:} line (the query's place, the file and column) and a hint. */
class SparkMainErrorsTest {
    @TempDir
    static Path tmp;
    static Path f1;

    @BeforeAll
    static void data() throws IOException {
        LocalSpark.session();
        f1 = SmallF1.write(tmp.resolve("f1"));
    }

    private static SparkLabelsTest.Result labels(Path data, String pql, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("labels", "--data", data.toString(), "--query", pql, "--out",
                out.toString()));
        args.addAll(List.of(more));
        return SparkLabelsTest.run(args.toArray(String[]::new));
    }

    /**
     * MIN and MAX of a category have no meaning (one machine's binder refuses them, before any Spark work), while
     * FIRST and LAST of one are computed; the refusal names the place in the query and suggests what works.
     */
    @Test
    void maxOfACategoryIsRefusedAtItsPlaceInTheQuery() {
        Path out = tmp.resolve("max.csv");
        SparkLabelsTest.Result r = labels(f1, "PREDICT COUNT(results.*, 0, 30, days) FOR EACH drivers.driverId "
                + "WHERE MAX(results.statusId, -30, 0, days) = '1'", out);
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: cannot take MAX of categorical column results.statusId at line 1, "
                + "column 83\n"), r.err());
        assertTrue(r.err().contains("hint: MAX takes numerical, boolean or timestamp columns; for categories try "
                + "COUNT_DISTINCT, FIRST or LAST"), r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aValueThatIsNotADateNamesTheFileAndColumn() throws IOException {
        Path bad = SmallF1.write(tmp.resolve("bad-date"));
        Files.writeString(bad.resolve("results.csv"), Files.readString(bad.resolve("results.csv"))
                .replace("2020-01-15", "15/01/2020"));
        SparkLabelsTest.Result r = labels(bad, SmallF1.DNF, tmp.resolve("bad.csv"), SmallF1.SPLIT);
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: " + bad.resolve("results.csv") + ", row 4 (line 5), column 'date': "
                + "value '15/01/2020' is not a date or timestamp"), r.err());
        assertTrue(r.err().contains("\nhint: "), r.err());
    }

    @Test
    void aFileRelgraphDidNotWriteIsNotReplaced() throws IOException {
        Path mine = tmp.resolve("notes.csv");
        Files.writeString(mine, "my,own\n1,2\n");
        SparkLabelsTest.Result r = labels(f1, SmallF1.DNF, mine, SmallF1.SPLIT);
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: "), r.err());
        assertEquals("my,own\n1,2\n", Files.readString(mine));
    }

    @Test
    void anUnreadableDateOptionIsNamed() {
        SparkLabelsTest.Result r = labels(f1, SmallF1.DNF, tmp.resolve("x.csv"), "--val-time", "next week");
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --val-time: cannot read 'next week' as a date\nhint: "), r.err());
    }

    /** Spark alone would retry the registration for a minute, then fail with "stopped SparkContext" (exit 3). */
    @Test
    void anUnreachableMasterFailsAtOnceNamingTheUrl() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort(); // free again once closed: nothing listens there
        }
        String master = "spark://127.0.0.1:" + closed;
        Path out = tmp.resolve("unreachable.csv");
        SparkLabelsTest.Result r = labels(f1, SmallF1.DNF, out, "--master", master);
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: cannot reach the Spark master " + master + ": 127.0.0.1:" + closed
                + " (Connection refused)\nhint: start the master"), r.err());
        assertFalse(r.out().contains("Split:"), "no Spark work should have started: " + r.out());
        assertFalse(Files.exists(out));
    }

    @Test
    void aMasterUrlWithoutAPortIsNamed() {
        SparkLabelsTest.Result r = labels(f1, SmallF1.DNF, tmp.resolve("noport.csv"), "--master", "spark://myhost");
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: --master spark://myhost is not a standalone master URL\nhint: "
                + "write it as spark://HOST:PORT"), r.err());
    }

    /**
     * {@code java -cp relgraph-spark.jar org.relgraph.spark.SparkMain ...} without Spark's jars: the entry point
     * says so in one line and exits 2. The JVM gets only what the entry point loads from the job jar (this
     * module's classes, picocli, relgraph's SchemaException), so any use of a Spark class before the check would
     * end in a NoClassDefFoundError stack trace instead.
     */
    @Test
    void withoutSparkTheJobJarSaysWhatToDo() throws Exception {
        String cp = String.join(File.pathSeparator, codeSource(SparkMain.class), codeSource(CommandLine.class),
                codeSource(SchemaException.class));
        Path log = tmp.resolve("no-spark.log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", cp,
                SparkMain.class.getName(), "labels", "--data", f1.toString(), "--query", SmallF1.DNF, "--out",
                tmp.resolve("no-spark.csv").toString()).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        assertEquals(SparkMain.USER_ERROR, p.waitFor(), Files.readString(log));
        assertEquals("error: Apache Spark is not on the class path (the relgraph-spark jar does not bundle it)\n"
                + "hint: run the job with spark-submit, or add Spark's jars to -cp as docs/SPARK.md shows\n",
                Files.readString(log));
    }

    private static String codeSource(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void sparkMissingFromTheClassPathIsAUserErrorNotAStackTrace() {
        ClassLoader withoutSpark = new URLClassLoader(new URL[0], null); // the JDK's classes only
        var missing = SparkMain.missingSpark(withoutSpark);
        assertTrue(missing.isPresent());
        assertTrue(missing.get().getMessage().startsWith("Apache Spark is not on the class path"),
                missing.get().getMessage());
        assertTrue(SparkMain.missingSpark(SparkMainErrorsTest.class.getClassLoader()).isEmpty());
    }

    /**
     * Surefire passes Spark's --add-opens list, so this JVM has them; a module they are not opened to (java.sql,
     * which java.base opens nothing to) stands for a plain {@code java} launch without them.
     */
    @Test
    void withoutSparksOpensTheEntryPointNamesTheFlags() {
        assertTrue(SparkMain.closedPackages(SparkMain.class.getModule()).isEmpty());
        var closed = SparkMain.closedPackages(ModuleLayer.boot().findModule("java.sql").orElseThrow());
        assertTrue(closed.isPresent());
        assertTrue(closed.get().getMessage().startsWith("this JVM does not open java.base's java.lang (and 13 more "
                + "packages) to Spark"), closed.get().getMessage());
        assertTrue(closed.get().hint().contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), closed.get().hint());
    }
}
