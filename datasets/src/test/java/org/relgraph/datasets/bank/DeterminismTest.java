package org.relgraph.datasets.bank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {
    @TempDir
    Path tmp;

    private Path generate(String name, BankConfig config) throws IOException {
        return new BankGenerator(config).generate(tmp.resolve(name)).folder();
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void sameSeedGivesByteIdenticalFiles() throws IOException {
        Path a = generate("a", BankConfig.of(300, 11));
        Path b = generate("b", BankConfig.of(300, 11));
        assertEquals(7, fileNames(a).size());
        assertEquals(fileNames(a), fileNames(b));
        for (String f : fileNames(a)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void gzipOutputIsAlsoByteIdentical() throws IOException {
        Path a = generate("a", BankConfig.of(200, 3).withGzip(true));
        Path b = generate("b", BankConfig.of(200, 3).withGzip(true));
        assertTrue(Files.exists(a.resolve("transactions.csv.gz")));
        for (String f : fileNames(a)) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        // And it decompresses to exactly the plain CSV of the same config.
        Path plain = generate("plain", BankConfig.of(200, 3));
        StringBuilder fromGzip = new StringBuilder();
        CsvRows.forEach(a.resolve("transactions.csv.gz"), r -> fromGzip.append(r.get("txn_id")).append(r.get("amount")));
        StringBuilder fromCsv = new StringBuilder();
        CsvRows.forEach(plain.resolve("transactions.csv"), r -> fromCsv.append(r.get("txn_id")).append(r.get("amount")));
        assertEquals(fromCsv.toString(), fromGzip.toString());
    }

    @Test
    void differentSeedGivesDifferentData() throws IOException {
        Path a = generate("a", BankConfig.of(300, 11));
        Path b = generate("b", BankConfig.of(300, 12));
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("transactions.csv")),
                Files.readAllBytes(b.resolve("transactions.csv"))));
        assertFalse(Arrays.equals(Files.readAllBytes(a.resolve("customers.csv")),
                Files.readAllBytes(b.resolve("customers.csv"))));
    }

    @Test
    void aCustomersRowsDoNotDependOnHowManyCustomersAreGenerated() throws IOException {
        // Per-customer streams: the first 150 customers of a 400-customer run are those of a 150-customer run.
        Path small = generate("small", BankConfig.of(150, 5));
        Path large = generate("large", BankConfig.of(400, 5));
        for (String table : List.of("customers.csv", "transactions.csv", "interaction_history.csv")) {
            String prefix = Files.readString(small.resolve(table));
            assertTrue(Files.readString(large.resolve(table)).startsWith(prefix), table);
        }
    }
}
