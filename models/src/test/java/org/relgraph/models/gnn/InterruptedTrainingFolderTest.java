package org.relgraph.models.gnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.models.ModelLoader;
import org.relgraph.schema.SchemaException;

/** A model folder a killed training run left behind is reported as such, with the way to finish it. */
class InterruptedTrainingFolderTest {
    @TempDir
    Path dir;

    @Test
    void aFolderHoldingOnlyACheckpointSaysToResume() throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(ModelBundle.checkpointDir(model));
        Files.writeString(ModelBundle.checkpointDir(model).resolve("training.ckpt"), "RGCK...");

        SchemaException e = assertThrows(SchemaException.class, () -> ModelLoader.load(model, null));

        assertEquals("the folder " + model + " holds an interrupted training run (a checkpoint in .checkpoint/, "
                + "no model yet)", e.getMessage());
        assertEquals("finish it with relgraph train ... --out " + model + " --resume, giving the same data, query "
                + "and options as the interrupted run", e.hint());
    }

    @Test
    void aBundleMissingItsChecksumsBesideACheckpointIsStillDamaged() throws Exception {
        Path model = dir.resolve("model");
        Files.createDirectories(ModelBundle.checkpointDir(model));
        Files.writeString(ModelBundle.checkpointDir(model).resolve("training.ckpt"), "RGCK...");
        Files.writeString(model.resolve("weights.bin"), "w");

        SchemaException e = assertThrows(SchemaException.class, () -> ModelBundle.load(model));

        assertTrue(e.getMessage().endsWith("is damaged: checksums.sha256 is missing"), e.getMessage());
    }
}
