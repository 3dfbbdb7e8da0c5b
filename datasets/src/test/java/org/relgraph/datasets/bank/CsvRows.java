package org.relgraph.datasets.bank;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/** Streams a generated CSV file row by row (the generator never quotes), so tests can read 1M-row files. */
final class CsvRows {
    private final Map<String, Integer> index;
    private String[] fields;

    private CsvRows(String header) {
        index = new HashMap<>();
        String[] names = header.split(",", -1);
        for (int i = 0; i < names.length; i++) {
            index.put(names[i], i);
        }
    }

    String get(String column) {
        Integer i = index.get(column);
        if (i == null) {
            throw new IllegalArgumentException("no column " + column + " in " + index.keySet());
        }
        return fields[i];
    }

    long getLong(String column) {
        return Long.parseLong(get(column));
    }

    /** Epoch day of an ISO date or of the date part of an ISO timestamp, without a formatter (1M rows per pass). */
    long epochDay(String column) {
        String v = get(column);
        return LocalDate.of(Integer.parseInt(v, 0, 4, 10), Integer.parseInt(v, 5, 7, 10),
                Integer.parseInt(v, 8, 10, 10)).toEpochDay();
    }

    boolean isNull(String column) {
        return get(column).isEmpty();
    }

    static long forEach(Path file, Consumer<CsvRows> action) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            CsvRows row = new CsvRows(reader.readLine());
            int width = row.index.size();
            long n = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                row.fields = line.split(",", -1);
                if (row.fields.length != width) {
                    throw new AssertionError(file + " row " + (n + 1) + " has " + row.fields.length
                            + " fields, header has " + width + ": " + line);
                }
                action.accept(row);
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
