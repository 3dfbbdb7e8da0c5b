package org.relgraph.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --resume} after an interrupted run writes the model an uninterrupted run writes. */
class TrainResumeCommandTest {
    @TempDir
    static Path tmp;
    static Path bank;

    @BeforeAll
    static void generate() {
        bank = tmp.resolve("bank");
        RelgraphCommandTest.Run g = new RelgraphCommandTest.Run("generate", "bank", "--customers", "400",
                "--out", bank.toString(), "--no-oracle");
        assertEquals(0, g.code, g.err);
    }

    private static RelgraphCommandTest.Run train(Path out, String... extra) {
        return train(QueryCommandTest.MORTGAGE, "2", out, extra);
    }

    private static RelgraphCommandTest.Run train(String query, String anchors, Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("train", "--data", bank.toString(),
                "--query", query, "--train-anchors", anchors, "--epochs", "3", "--patience", "3",
                "--hidden", "16", "--fanouts", "5,3", "--batch-size", "128", "--out", out.toString()));
        args.addAll(Arrays.asList(extra));
        return new RelgraphCommandTest.Run(args.toArray(String[]::new));
    }

    /** The metric lines train prints, e.g. "  test_auroc   0.7123". */
    private static List<String> metricLines(String out) {
        return out.lines().filter(l -> l.matches("  [a-z_@%0-9]+\\s+(-?\\d+\\.\\d{4}|n/a)")).toList();
    }

    @Test
    void anInterruptedRunResumedGivesTheUninterruptedModel() throws Exception {
        Path whole = tmp.resolve("whole");
        RelgraphCommandTest.Run uninterrupted = train(whole);
        assertEquals(0, uninterrupted.code, uninterrupted.err);

        Path model = tmp.resolve("model");
        RelgraphCommandTest.Run interrupted = train(model, "--interrupt-after-epoch", "1");
        assertEquals(2, interrupted.code, interrupted.out + interrupted.err);
        assertTrue(interrupted.err.contains("training interrupted after epoch 1")
                && interrupted.err.contains("hint: continue it with the same command and --resume"),
                interrupted.err);
        assertFalse(Files.exists(model.resolve("weights.bin")), "no bundle from an interrupted run");
        assertTrue(Files.isRegularFile(model.resolve(".checkpoint/training.ckpt")), "the epoch-1 checkpoint");
        RelgraphCommandTest.Run early = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString());
        assertEquals(2, early.code, early.err);
        assertEquals(List.of("error: the folder " + model + " holds an interrupted training run (a checkpoint in "
                + ".checkpoint/, no model yet)", "hint: finish it with relgraph train ... --out " + model
                + " --resume, giving the same data, query and options as the interrupted run"), early.errorLines());

        RelgraphCommandTest.Run resumed = train(model, "--resume");
        assertEquals(0, resumed.code, resumed.err);
        assertTrue(resumed.out.contains("Epochs 1-1 restored from the checkpoint; training from epoch 2"),
                resumed.out);
        List<String> expected = metricLines(uninterrupted.out);
        assertTrue(expected.size() > 10, uninterrupted.out);
        assertEquals(expected, metricLines(resumed.out), "val and test metrics to the printed digit");
        assertArrayEquals(Files.readAllBytes(whole.resolve("weights.bin")),
                Files.readAllBytes(model.resolve("weights.bin")), "the very same weights");
        try (Stream<Path> files = Files.list(model)) {
            assertEquals(List.of(".relgraph-output", "bundle.json", "checksums.sha256", "encoding.json",
                            "weights.bin"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "the checkpoint is gone once the bundle is written");
        }
        RelgraphCommandTest.Run evaluate = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString());
        assertEquals(0, evaluate.code, evaluate.err);
    }

    /** Next-best-action (ARGMAX) training keeps the same checkpoint: epoch loop, early stopping and all. */
    @Test
    void anInterruptedRankingRunResumedGivesTheUninterruptedModel() throws Exception {
        // Every customer and a 90-day window, so the small bank's validation split has accepted offers and early
        // stopping watches a real MAP@3 rather than NaN.
        String nba = "PREDICT ARGMAX(INTERACTION_HISTORY.OUTCOME = 'Accepted', 0, 90, days) "
                + "FOR EACH CUSTOMERS.CUSTOMER_ID";
        Path whole = tmp.resolve("nba-whole");
        RelgraphCommandTest.Run uninterrupted = train(nba, "4", whole);
        assertEquals(0, uninterrupted.code, uninterrupted.err);
        assertTrue(uninterrupted.out.contains("test_map@3"), uninterrupted.out);

        Path model = tmp.resolve("nba-model");
        RelgraphCommandTest.Run interrupted = train(nba, "4", model, "--interrupt-after-epoch", "1");
        assertEquals(2, interrupted.code, interrupted.out + interrupted.err);
        assertTrue(interrupted.err.contains("training interrupted after epoch 1"), interrupted.err);
        assertFalse(Files.exists(model.resolve("weights.bin")), "no bundle from an interrupted run");
        assertTrue(Files.isRegularFile(model.resolve(".checkpoint/training.ckpt")), "the epoch-1 checkpoint");

        RelgraphCommandTest.Run otherQuery = train(QueryCommandTest.MORTGAGE, "4", model, "--resume");
        assertEquals(2, otherQuery.code, otherQuery.err);
        assertTrue(otherQuery.err.contains("does not match this run's query"), otherQuery.err);

        RelgraphCommandTest.Run resumed = train(nba, "4", model, "--resume");
        assertEquals(0, resumed.code, resumed.err);
        assertTrue(resumed.out.contains("Epochs 1-1 restored from the checkpoint; training from epoch 2"),
                resumed.out);
        List<String> expected = metricLines(uninterrupted.out);
        assertTrue(expected.size() > 10, uninterrupted.out);
        assertEquals(expected, metricLines(resumed.out), "val and test metrics to the printed digit");
        assertArrayEquals(Files.readAllBytes(whole.resolve("weights.bin")),
                Files.readAllBytes(model.resolve("weights.bin")), "the very same weights");
        assertFalse(Files.exists(model.resolve(".checkpoint")), "the checkpoint is gone once the bundle is written");
        RelgraphCommandTest.Run evaluate = new RelgraphCommandTest.Run("evaluate", "--model", model.toString(),
                "--data", bank.toString());
        assertEquals(0, evaluate.code, evaluate.err);
    }

    @Test
    void resumeWithoutACheckpointIsAOneLineErrorWithAHint() {
        RelgraphCommandTest.Run r = train(tmp.resolve("never-trained"), "--resume");
        assertEquals(2, r.code, r.err);
        List<String> lines = r.err.lines().toList(); // it fails before loading the data
        assertEquals(2, lines.size(), r.err);
        assertTrue(lines.get(0).contains("there is no training checkpoint to resume from in "), r.err);
        assertTrue(lines.get(1).startsWith("hint: train without --resume"), r.err);
    }

    @Test
    void resumeWithOtherOptionsThanTheInterruptedRunIsRefused() {
        Path model = tmp.resolve("other-options");
        assertEquals(2, train(model, "--interrupt-after-epoch", "1").code);
        RelgraphCommandTest.Run r = train(model, "--resume", "--lr", "0.05");
        assertEquals(2, r.code, r.err);
        assertTrue(r.err.contains("does not match this run's model settings"), r.err);
        assertTrue(r.err.contains("hint: resume with the same data, query and options"), r.err);
        assertFalse(r.err.contains("\tat "), r.err);
        assertTrue(Files.exists(model.resolve(".checkpoint/training.ckpt")), "a refused resume keeps the checkpoint");

        RelgraphCommandTest.Run fresh = train(model, "--lr", "0.05");
        assertEquals(0, fresh.code, fresh.err);
        assertTrue(fresh.out.contains(".checkpoint holds an interrupted run; this run starts over and replaces it"),
                fresh.out);
        assertFalse(Files.exists(model.resolve(".checkpoint")), "replaced, then removed with the bundle written");
    }
}
