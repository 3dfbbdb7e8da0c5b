package org.relgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folders written before the marker existed, and training checkpoints, are recognised as relgraph's. */
class RelgraphOutputsTest {
    @TempDir
    Path dir;

    private Path folder(String name, String... files) throws IOException {
        Path f = Files.createDirectories(dir.resolve(name));
        for (String file : files) {
            Files.createDirectories(f.resolve(file).getParent());
            Files.writeString(f.resolve(file), "x");
        }
        return f;
    }

    @Test
    void bundlesAndReportsOfTodaysLayoutAreRelgraphs() throws Exception {
        assertEquals(List.of(), RelgraphOutputs.foreignEntries(folder("gnn", "bundle.json", "encoding.json",
                "weights.bin", "checksums.sha256")));
        assertEquals(List.of(), RelgraphOutputs.foreignEntries(folder("xgb", "bundle.json", "checksums.sha256",
                "xgboost-model.ubj", "baseline.json")));
        assertEquals(List.of(), RelgraphOutputs.foreignEntries(folder("cf", "bundle.json", "checksums.sha256",
                "cf.json")));
        assertEquals(List.of(), RelgraphOutputs.foreignEntries(folder("bench", "results.json", "README.md",
                "gains-bank-mortgage.png", "metric-bank-mortgage.png")));
    }

    @Test
    void aLayoutNeedsItsSignatureFilesAndNothingElse() throws Exception {
        assertEquals(List.of("README.md"), RelgraphOutputs.foreignEntries(folder("docs", "README.md")));
        assertEquals(List.of("bundle.json", "checksums.sha256", "notes.txt"),
                RelgraphOutputs.foreignEntries(folder("mixed", "bundle.json", "checksums.sha256", "notes.txt")));
        assertEquals(List.of("bundle.json/", "checksums.sha256"),
                RelgraphOutputs.foreignEntries(folder("odd", "bundle.json/inner.txt", "checksums.sha256")));
    }

    @Test
    void aTrainingCheckpointIsRelgraphsWhereverItIs() throws Exception {
        Path killed = folder("killed", ".checkpoint/training.ckpt");
        assertEquals(List.of(), RelgraphOutputs.foreignEntries(killed));
        assertTrue(RelgraphOutputs.holdsOnlyInterruptedTraining(killed));
        Path bundleMidTraining = folder("retraining", "bundle.json", "encoding.json", "weights.bin",
                "checksums.sha256", ".checkpoint/training.ckpt", ".checkpoint/training.ckpt.tmp-123");
        assertEquals(List.of(), RelgraphOutputs.foreignEntries(bundleMidTraining));
        assertFalse(RelgraphOutputs.holdsOnlyInterruptedTraining(bundleMidTraining));
    }

    @Test
    void aCheckpointFolderHoldingSomethingElseIsNot() throws Exception {
        Path f = folder("fake", ".checkpoint/training.ckpt", ".checkpoint/thesis.tex");
        assertEquals(List.of(".checkpoint/"), RelgraphOutputs.foreignEntries(f));
        assertFalse(RelgraphOutputs.holdsOnlyInterruptedTraining(f));
    }

    @Test
    void theMarkerSaysWhatKindOfOutputAFolderIs() throws Exception {
        Path scores = dir.resolve("scores");
        OutputFolder.write(scores, "Spark scores", ReplacePolicy.OWN_OUTPUT_ONLY,
                folder -> Files.writeString(folder.resolve("scores.parquet"), "x"));
        assertEquals(java.util.Optional.of("Spark scores"), RelgraphOutputs.kind(scores));
        assertEquals(java.util.Optional.empty(), RelgraphOutputs.kind(folder("user", "notes.txt")));
        Path odd = folder("odd-marker", RelgraphOutputs.MARKER);
        assertEquals(java.util.Optional.empty(), RelgraphOutputs.kind(odd));
    }
}
