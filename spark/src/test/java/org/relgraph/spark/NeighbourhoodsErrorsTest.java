package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input to the Spark neighbourhoods job: one {@code error:} line naming the option or file, a hint, exit 2. */
class NeighbourhoodsErrorsTest {
    @TempDir
    static Path tmp;
    static Path f1;
    static Path labels;

    @BeforeAll
    static void data() throws IOException {
        LocalSpark.session();
        f1 = SmallF1Graph.write(tmp.resolve("f1"));
        labels = SmallF1Graph.labels(tmp.resolve("labels.csv"));
    }

    private static SparkLabelsTest.Result neighbourhoods(Path labelsFile, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("neighbourhoods", "--data", f1.toString(), "--labels",
                labelsFile.toString(), "--out", out.toString()));
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

    @Test
    void uniformSamplingIsRefusedBecauseItCannotBeMaterialisedOnce() {
        Path out = tmp.resolve("uniform");
        userError(neighbourhoods(labels, out, "--sampling", "uniform"), "--sampling uniform: the Spark job "
                + "materialises MOST_RECENT neighbourhoods only", "UNIFORM draws new neighbours every epoch");
        userError(neighbourhoods(labels, out, "--sampling", "newest"), "--sampling newest is not a sampling "
                + "strategy", "give MOST_RECENT");
        assertFalse(Files.exists(out));
    }

    @Test
    void badFanoutsAreNamed() {
        Path out = tmp.resolve("fanouts");
        userError(neighbourhoods(labels, out, "--fanouts", "10,x"), "--fanouts '10,x': 'x' is not a whole number",
                "give neighbours per hop separated by commas");
        userError(neighbourhoods(labels, out, "--fanouts", "10,0"), "--fanouts '10,0': 0 is not at least 1",
                "give neighbours per hop");
        userError(neighbourhoods(labels, out, "--fanouts", ""), "--fanouts is empty", "give neighbours per hop");
        userError(neighbourhoods(labels, out, "--buckets", "0"), "--buckets 0 is not positive", "give 1 or more");
        assertFalse(Files.exists(out));
    }

    @Test
    void anInputCutoffThatIsNotADateIsNamed() {
        Path out = tmp.resolve("cutoff");
        userError(neighbourhoods(labels, out, "--input-cutoff", "soon"), "--input-cutoff: cannot read 'soon' as a "
                + "date", "use 2024-01-31 or 2024-01-31T12:00:00Z (UTC)");
        assertFalse(Files.exists(out));
    }

    @Test
    void aMissingOrForeignLabelsFileIsNamed() throws IOException {
        Path out = tmp.resolve("labels-out");
        Path missing = tmp.resolve("nope.csv");
        userError(neighbourhoods(missing, out), "--labels " + missing + " does not exist",
                "give the training table file");
        Path notLabels = tmp.resolve("drivers-copy.csv");
        Files.writeString(notLabels, "driverId,nationality\n1,British\n");
        userError(neighbourhoods(notLabels, out), "--labels " + notLabels + " is not a training table: its columns "
                + "are [driverId, nationality]", "give the file relgraph query --out");
        assertFalse(Files.exists(out));
    }

    /**
     * --labels DIR that is not the folder labels --parquet-parts wrote: a user's folder (another program's Parquet
     * parts, a notes file) or a folder relgraph wrote as something else (another job's output) is refused before
     * Spark starts, naming the folder and what it holds, with the hint of what to give.
     */
    @Test
    void aFolderThatIsNotLabelsPartsIsNamed() throws IOException {
        Path out = tmp.resolve("labels-folder-out");
        Path foreign = Files.createDirectories(tmp.resolve("other-parquet"));
        Files.write(foreign.resolve("part-00000.parquet"), new byte[] {'P', 'A', 'R', '1'});
        Files.writeString(foreign.resolve("notes.txt"), "not labels");
        userError(neighbourhoods(foreign, out), "--labels " + foreign + " is a folder relgraph-spark labels "
                + "--parquet-parts did not write (it holds notes.txt, part-00000.parquet)",
                "give the file relgraph query --out or relgraph-spark labels wrote");
        Path empty = Files.createDirectories(tmp.resolve("empty-folder"));
        userError(neighbourhoods(empty, out), "--labels " + empty + " is a folder relgraph-spark labels "
                + "--parquet-parts did not write (it is empty)", "give the file relgraph query --out");
        Path scores = tmp.resolve("scores-folder");
        org.relgraph.io.OutputFolder.write(scores, "Spark scores", org.relgraph.io.ReplacePolicy.OWN_OUTPUT_ONLY,
                folder -> Files.writeString(folder.resolve("scores.parquet"), "x"));
        userError(neighbourhoods(scores, out), "--labels " + scores + " is the Spark scores folder relgraph wrote, "
                + "not the training table relgraph-spark labels --parquet-parts writes",
                "give the file relgraph query --out");
        assertFalse(Files.exists(out));
    }

    /** The folder labels --parquet-parts writes is a seed source like the one file: the same seeds. */
    @Test
    void theLabelsPartsFolderGivesTheSeedsOfTheOneFile() throws IOException {
        String pql = "PREDICT COUNT(results.*, 0, 30, days) FOR EACH drivers.driverId";
        String[] split = {"--val-time", "2020-02-01", "--test-time", "2020-03-02"};
        Path file = tmp.resolve("count-labels.parquet");
        Path parts = tmp.resolve("count-labels-parts");
        SparkLabelsTest.runSpark(f1, pql, file, split);
        List<String> args = new ArrayList<>(List.of("labels", "--data", f1.toString(), "--query", pql, "--out",
                parts.toString(), "--parquet-parts"));
        args.addAll(List.of(split));
        SparkLabelsTest.Result labelled = SparkLabelsTest.run(args.toArray(String[]::new));
        assertEquals(0, labelled.code(), labelled.err());
        SparkLabelsTest.Result fromFile = neighbourhoods(file, tmp.resolve("from-file"));
        SparkLabelsTest.Result fromParts = neighbourhoods(parts, tmp.resolve("from-parts"));
        assertEquals(0, fromFile.code(), fromFile.err());
        assertEquals(0, fromParts.code(), fromParts.err());
        String seeds = fromFile.out().lines().filter(l -> l.startsWith("Seeds: ")).findFirst().orElseThrow();
        assertTrue(fromParts.out().contains(seeds), seeds + " in " + fromParts.out());
    }

    @Test
    void labelsOfOtherDataAreRefused() throws IOException {
        Path out = tmp.resolve("other-data");
        Path unknownKey = tmp.resolve("unknown-key.csv");
        Files.writeString(unknownKey, "driverId,anchor_time,label,split\n1,2020-01-02T00:00:00Z,0,train\n"
                + "99,2020-01-02T00:00:00Z,1,train\n");
        userError(neighbourhoods(unknownKey, out), "--labels: key 99 is not a drivers.driverId of the data",
                "compute the labels from this data folder");
        // refused inside the job's "seeds" stage: the stage must not stay open on this thread, or a later job here
        // (another command in the same JVM) would be counted as this one's seeds
        assertNull(LocalSpark.session().sparkContext().getLocalProperty(SparkStageMetrics.PROPERTY));
        Path badTime = tmp.resolve("bad-time.csv");
        Files.writeString(badTime, "driverId,anchor_time,label,split\n1,last tuesday,0,train\n");
        userError(neighbourhoods(badTime, out), "--labels " + badTime + ": anchor_time 'last tuesday' is not a time",
                "give the file relgraph query --out");
        Path otherKey = tmp.resolve("customers.csv");
        Files.writeString(otherKey, "customer_id,anchor_time,label,split\n1,2020-01-02T00:00:00Z,0,train\n");
        userError(neighbourhoods(otherKey, out), "--labels " + otherKey + ": no table of the data has the primary "
                + "key customer_id, the file's first column", "give the file relgraph query --out");
        assertFalse(Files.exists(out));
    }

    @Test
    void aSeedBeforeItsOwnRowExistsIsRefused() throws IOException {
        Path out = tmp.resolve("early");
        Path early = tmp.resolve("early-results.csv");
        // results are timed: result 2 is dated 2020-03-01, so it cannot be a seed at 2020-01-02
        Files.writeString(early, "resultId,anchor_time,label,split\n2,2020-01-02T00:00:00Z,0,train\n");
        userError(neighbourhoods(early, out), "--labels: results 2 has anchor 2020-01-02T00:00:00Z but its row's "
                + "time (date) is later, 2020-03-01T00:00:00Z: a seed must exist at its own time",
                "compute the labels from this data folder");
    }

    @Test
    void aFolderRelgraphDidNotWriteIsNotReplaced() throws IOException {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        userError(neighbourhoods(labels, mine), "output folder " + mine + " holds files relgraph did not write "
                + "(notes.txt)", "choose a new folder, or add --force");
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    }
}
