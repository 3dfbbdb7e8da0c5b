package org.relgraph.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options of {@code SparkMain train}: one {@code error:} line and a hint, before the data loads or Spark starts. */
class TrainCommandErrorsTest {
    @TempDir
    static Path tmp;
    static Path f1;

    @BeforeAll
    static void data() throws IOException {
        f1 = SmallF1.write(tmp.resolve("f1"));
    }

    private static SparkLabelsTest.Result train(Path data, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--data", data.toString(), "--query", SmallF1.DNF,
                "--out", out.toString()));
        args.addAll(List.of(more));
        return SparkLabelsTest.run(args.toArray(String[]::new));
    }

    private static void refused(SparkLabelsTest.Result r, String error, String hint) {
        assertEquals(SparkMain.USER_ERROR, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("error: " + error + "\nhint: " + hint), r.err());
    }

    @Test
    void averagingStepsAndPartitionsMustBePositive() {
        refused(train(f1, tmp.resolve("m1"), "--averaging-steps", "0"), "--averaging-steps 0 is not positive",
                "give 1 or more");
        refused(train(f1, tmp.resolve("m2"), "--partitions", "-2"), "--partitions -2 is not positive",
                "give 1 or more");
        // the split options are labels' (one mixin), checked before the data loads
        refused(train(f1, tmp.resolve("m3"), "--train-anchor-step", "0"), "--train-anchor-step 0 is not positive",
                "give 1 or more");
        refused(train(f1, tmp.resolve("m4"), "--eval-anchors", "0"), "--eval-anchors 0 is not positive",
                "give 1 or more");
        refused(train(f1, tmp.resolve("m5"), "--test-time", "soon"), "--test-time: cannot read 'soon' as a date",
                "use 2024-01-31");
        assertFalse(Files.exists(tmp.resolve("m1")));
    }

    @Test
    void anUnknownOptimiserStateNamesTheModes() {
        refused(train(f1, tmp.resolve("m3"), "--optimiser-state", "summed"), "--optimiser-state summed is not a mode",
                "give averaged (Adam's moments averaged like the weights) or per-worker");
    }

    @Test
    void modelOptionsAreCheckedLikeRelgraphTrains() {
        refused(train(f1, tmp.resolve("m4"), "--fanouts", "10,x"), "--fanouts '10,x': 'x' is not a whole number",
                "give neighbours per hop separated by commas");
        SparkLabelsTest.Result r = train(f1, tmp.resolve("m5"), "--layers", "3", "--fanouts", "10,5");
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: invalid model options: "), r.err());
    }

    @Test
    void aFolderRelgraphDidNotWriteIsRefusedBeforeTheDataLoads() throws IOException {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine);
        Files.writeString(mine.resolve("notes.txt"), "my own notes\n");
        // the data does not exist: the destination is checked first
        SparkLabelsTest.Result r = train(tmp.resolve("no-such-data"), mine);
        assertEquals(SparkMain.USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: ") && r.err().contains(mine.toString()), r.err());
        assertFalse(r.err().contains("no-such-data"), r.err());
        assertEquals("my own notes\n", Files.readString(mine.resolve("notes.txt")));
    }
}
