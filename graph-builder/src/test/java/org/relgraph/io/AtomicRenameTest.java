package org.relgraph.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicRenameTest {
    @TempDir
    Path dir;

    @Test
    void aFinishedFileReplacesTheTargetAndTheTemporaryIsGone() throws Exception {
        Path target = Files.writeString(dir.resolve("scores.csv"), "old\n");
        Path tmp = Files.writeString(dir.resolve(".scores.csv.tmp"), "new\n");
        AtomicRename.replaceFile(tmp, target);
        assertEquals("new\n", Files.readString(target));
        assertFalse(Files.exists(tmp));
    }

    @Test
    void aFileSystemWithoutAtomicRenamesGetsAPlainReplace() throws Exception {
        Path target = Files.writeString(dir.resolve("table.csv"), "old\n");
        Path tmp = Files.writeString(dir.resolve(".table.csv.tmp"), "new\n");
        List<List<CopyOption>> tried = new ArrayList<>();
        AtomicRename.replaceFile(tmp, target, (source, to, options) -> {
            tried.add(List.of(options));
            if (Arrays.asList(options).contains(StandardCopyOption.ATOMIC_MOVE)) {
                throw new AtomicMoveNotSupportedException(source.toString(), to.toString(), "not here");
            }
            Files.move(source, to, options);
        });
        assertEquals("new\n", Files.readString(target));
        assertEquals(List.of(List.of(StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE),
                List.of(StandardCopyOption.REPLACE_EXISTING)), tried);
    }

    @Test
    void aFinishedFolderMovesToItsName() throws Exception {
        Path tmp = Files.createDirectory(dir.resolve(".bank.tmp-1"));
        Files.writeString(tmp.resolve("customers.csv"), "id\n1\n");
        Path target = dir.resolve("bank");
        AtomicRename.move(tmp, target);
        assertEquals("id\n1\n", Files.readString(target.resolve("customers.csv")));
        assertFalse(Files.exists(tmp));
        assertTrue(Files.isDirectory(target));
    }
}
