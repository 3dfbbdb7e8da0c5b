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
        refused(train(f1, tmp.resolve("m1"), "--averaging-steps", "0"), "--averaging-steps must be at least 1, got 0",
                "optimisation steps between two averagings");
        refused(train(f1, tmp.resolve("m2"), "--partitions", "-2"), "--partitions must be at least 1, got -2",
                "data-parallel workers");
        // the split options are relgraph train's and labels' (one mixin), checked before the data loads
        refused(train(f1, tmp.resolve("m3"), "--train-anchor-step", "0"), "--train-anchor-step must be at least 1, "
                + "got 0", "train anchors' spacing");
        refused(train(f1, tmp.resolve("m4"), "--eval-anchors", "0"), "--eval-anchors must be at least 1, got 0",
                "anchors per val/test split");
        refused(train(f1, tmp.resolve("m5"), "--test-time", "soon"), "--test-time: cannot read 'soon' as a date",
                "use 2024-01-31");
        assertFalse(Files.exists(tmp.resolve("m1")));
    }

    /** relgraph train's options this job does not run are refused by name, not silently ignored. */
    @Test
    void modelOptionsTheJobDoesNotRunAreRefusedByName() {
        refused(train(f1, tmp.resolve("m6"), "--refit"), "--refit is not available in the Spark train job yet",
                "leave it out, or train on one machine: relgraph train --refit");
        refused(train(f1, tmp.resolve("m6"), "--conv", "gat"), "--conv is not available in the Spark train job yet",
                "leave it out");
        refused(train(f1, tmp.resolve("m6"), "--no-child-summaries"), "--child-summaries is not available in the "
                + "Spark train job yet", "leave it out");
        assertFalse(Files.exists(tmp.resolve("m6")));
    }

    /** The help names the defaults relgraph train uses, read from the config parts (one provider for both). */
    @Test
    void helpShowsRelgraphTrainsDefaults() {
        SparkLabelsTest.Result r = SparkLabelsTest.run("train", "--help");
        assertEquals(0, r.code(), r.err());
        String help = r.out().replaceAll("\\s+", " ");
        org.relgraph.gnn.model.GnnConfig d = org.relgraph.gnn.model.GnnConfig.defaults();
        assertTrue(help.contains("--hidden=D Hidden width (default " + d.hidden() + ")"), help);
        assertTrue(help.contains("--epochs=N Maximum epochs (default " + d.epochs() + ";"), help);
    }

    @Test
    void anUnknownOptimiserStateNamesTheModes() {
        refused(train(f1, tmp.resolve("m3"), "--optimiser-state", "summed"), "--optimiser-state summed is not a mode",
                "give averaged (Adam's moments averaged like the weights) or per-worker");
    }

    @Test
    void modelOptionsAreCheckedLikeRelgraphTrains() {
        // relgraph train's own option definitions and checks (the options module's ModelOptions mixin)
        refused(train(f1, tmp.resolve("m4"), "--fanouts", "10,0"), "--fanouts must be at least 1, got 0",
                "neighbours sampled per hop");
        refused(train(f1, tmp.resolve("m4"), "--dropout", "1.5"), "--dropout must be at least 0 and below 1, got 1.5",
                "the share of activations dropped");
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
