package org.relgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.relgraph.schema.SchemaException;

class OutputFolderTest {
    @TempDir
    Path dir;

    private static void writeModel(Path folder, ReplacePolicy policy, String weights) throws IOException {
        OutputFolder.write(folder, "test model", policy, tmp -> {
            Files.writeString(tmp.resolve("bundle.json"), "{}");
            Files.writeString(tmp.resolve("weights.bin"), weights);
        });
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private Path userFolder() throws IOException {
        Path target = dir.resolve("mine");
        Files.createDirectories(target.resolve("sub"));
        Files.writeString(target.resolve("notes.txt"), "my notes");
        Files.writeString(target.resolve("sub/keep.txt"), "keep");
        return target;
    }

    @Test
    void aNewFolderGetsItsFilesAndAMarkerListingThem() throws Exception {
        Path target = dir.resolve("a/b/model");
        writeModel(target, ReplacePolicy.OWN_OUTPUT_ONLY, "w1");
        assertEquals(List.of(RelgraphOutputs.MARKER, "bundle.json", "weights.bin"), names(target));
        String marker = Files.readString(target.resolve(RelgraphOutputs.MARKER));
        assertTrue(marker.startsWith("# test model written by relgraph"), marker);
        assertTrue(marker.contains("\nbundle.json\nweights.bin\n"), marker);
        assertEquals(List.of("model"), names(target.getParent()), "no temporary sibling is left");
    }

    @Test
    void aFolderWithAUsersFilesIsRefusedNamingThemAndLeftIntact() throws Exception {
        Path target = userFolder();
        SchemaException e = assertThrows(SchemaException.class,
                () -> writeModel(target, ReplacePolicy.OWN_OUTPUT_ONLY, "w"));
        assertEquals("output folder " + target + " holds files relgraph did not write (notes.txt, sub/)",
                e.getMessage());
        assertEquals("choose a new folder, or add --force to replace it", e.hint());
        assertEquals(List.of("notes.txt", "sub"), names(target));
        assertEquals("keep", Files.readString(target.resolve("sub/keep.txt")));
        assertEquals(List.of("mine"), names(dir));
    }

    @Test
    void forceReplacesAUsersFolder() throws Exception {
        Path target = userFolder();
        writeModel(target, ReplacePolicy.ANYTHING, "w");
        assertEquals(List.of(RelgraphOutputs.MARKER, "bundle.json", "weights.bin"), names(target));
        assertEquals(List.of("mine"), names(dir));
    }

    @Test
    void relgraphsOwnFolderIsReplacedWhole() throws Exception {
        Path target = dir.resolve("model");
        OutputFolder.write(target, "test model", ReplacePolicy.OWN_OUTPUT_ONLY,
                tmp -> Files.writeString(tmp.resolve("old-only.txt"), "x"));
        writeModel(target, ReplacePolicy.OWN_OUTPUT_ONLY, "w2");
        assertEquals(List.of(RelgraphOutputs.MARKER, "bundle.json", "weights.bin"), names(target));
        assertEquals("w2", Files.readString(target.resolve("weights.bin")));
        assertEquals(List.of("model"), names(dir), "the old folder renamed aside is deleted");
    }

    @Test
    void aFileAUserAddedToRelgraphsFolderMakesItForeign() throws Exception {
        Path target = dir.resolve("model");
        writeModel(target, ReplacePolicy.OWN_OUTPUT_ONLY, "w1");
        Files.writeString(target.resolve("my-analysis.ipynb"), "{}");
        SchemaException e = assertThrows(SchemaException.class,
                () -> writeModel(target, ReplacePolicy.OWN_OUTPUT_ONLY, "w2"));
        assertTrue(e.getMessage().endsWith("(my-analysis.ipynb)"), e.getMessage());
        assertEquals("w1", Files.readString(target.resolve("weights.bin")));
    }

    @Test
    void anEmptyFolderIsUsed() throws Exception {
        Path target = Files.createDirectory(dir.resolve("empty"));
        writeModel(target, ReplacePolicy.OWN_OUTPUT_ONLY, "w");
        assertTrue(Files.isRegularFile(target.resolve("weights.bin")));
    }

    @Test
    void aFolderAUserPutsFilesIntoDuringTheWriteIsCheckedAgainBeforeTheSwap() throws Exception {
        Path target = Files.createDirectory(dir.resolve("model"));
        SchemaException e = assertThrows(SchemaException.class, () -> OutputFolder.write(target, "test model",
                ReplacePolicy.OWN_OUTPUT_ONLY, tmp -> Files.writeString(target.resolve("notes.txt"), "meanwhile")));
        assertTrue(e.getMessage().endsWith("(notes.txt)"), e.getMessage());
        assertEquals(List.of("notes.txt"), names(target));
        assertEquals(List.of("model"), names(dir), "the temporary folder is removed");
    }

    @Test
    void aFileWhereTheFolderShouldGoIsRefused() throws Exception {
        Path target = Files.writeString(dir.resolve("model"), "a file");
        SchemaException e = assertThrows(SchemaException.class,
                () -> OutputFolder.checkDestination(target, ReplacePolicy.OWN_OUTPUT_ONLY));
        assertTrue(e.getMessage().contains("is a file"), e.getMessage());
        assertEquals("a file", Files.readString(target));
    }

    @Test
    void aParentThatIsAFileIsRefusedBeforeAnyWork() throws Exception {
        Files.writeString(dir.resolve("plain"), "x");
        SchemaException e = assertThrows(SchemaException.class,
                () -> OutputFolder.checkDestination(dir.resolve("plain/model"), ReplacePolicy.ANYTHING));
        assertTrue(e.getMessage().endsWith(dir.resolve("plain") + " is a file"), e.getMessage());
    }

    @Test
    void anUnwritablePlaceIsRefusedBeforeAnyWork() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Assumptions.assumeFalse(Files.isWritable(locked), "running as root: permissions are not enforced");
            SchemaException e = assertThrows(SchemaException.class,
                    () -> OutputFolder.checkDestination(locked.resolve("new/model"), ReplacePolicy.ANYTHING));
            assertEquals("cannot write into " + locked + " (permission denied)", e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void manyForeignEntriesAreNamedUpToFour() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        for (String name : List.of("a.csv", "b.csv", "c.csv", "d.csv", "e.csv", "schema.yaml")) {
            Files.writeString(data.resolve(name), "x");
        }
        SchemaException e = assertThrows(SchemaException.class,
                () -> OutputFolder.checkDestination(data, ReplacePolicy.OWN_OUTPUT_ONLY));
        assertTrue(e.getMessage().endsWith("(a.csv, b.csv, c.csv, d.csv and 2 more)"), e.getMessage());
        assertFalse(e.getMessage().contains("e.csv"));
    }
}
