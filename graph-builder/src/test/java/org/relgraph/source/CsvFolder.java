package org.relgraph.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A test data folder: CSV files and a schema.yaml written from lines of text. */
public final class CsvFolder {
    /** The bundled quick-start data, relative to the graph-builder module. */
    public static final Path MINI_BANK = Path.of("..", "docs", "sample-data", "mini-bank");

    private final Path dir;

    public CsvFolder(Path dir) {
        this.dir = dir;
    }

    public CsvFolder file(String name, String... lines) {
        try {
            Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CsvFolder schema(String... lines) {
        return file("schema.yaml", lines);
    }

    /** Copies the mini-bank CSVs (not its schema.yaml). */
    public CsvFolder miniBankCsvs() {
        try (var files = Files.list(MINI_BANK)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".csv")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public Path path() {
        return dir;
    }

    public FolderSource source() {
        return new FolderSource(dir, null);
    }
}
