package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder appears complete or not at all. */
class OutputFolderTest {
    @TempDir
    Path tmp;

    private List<Path> entries() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.toList();
        }
    }

    @Test
    void aFailedRunLeavesNeitherTheTargetNorItsTempFolder() throws IOException {
        Path out = tmp.resolve("bank");
        BankGenerator generator = new BankGenerator(BankConfig.of(500, 1));
        RuntimeException failure = assertThrows(IllegalStateException.class, () -> generator.generate(out,
                (done, total) -> {
                    if (done >= 100) {
                        throw new IllegalStateException("interrupted by the user");
                    }
                }));
        assertEquals("interrupted by the user", failure.getMessage());
        assertEquals(List.of(), entries());
    }

    @Test
    void aNonEmptyTargetIsNeverOverwritten() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("bank"));
        Files.writeString(out.resolve("keep.txt"), "precious");
        assertThrows(FileAlreadyExistsException.class, () -> new BankGenerator(BankConfig.of(10, 1)).generate(out));
        assertEquals("precious", Files.readString(out.resolve("keep.txt")));
        assertEquals(List.of(out), entries());
    }

    @Test
    void anEmptyTargetFolderIsFilled() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("bank"));
        new BankGenerator(BankConfig.of(10, 1)).generate(out);
        assertTrue(Files.exists(out.resolve("schema.yaml")));
        assertTrue(Files.exists(out.resolve("customers.csv")));
        assertFalse(entries().stream().anyMatch(p -> p.getFileName().toString().contains(".tmp-")));
    }
}
