package org.relgraph.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The column names of a table file relgraph might have written: a CSV's header line, a Parquet file's schema, the
 * keys of a JSON Lines file's first object. Used to recognise relgraph's own output before replacing a file.
 */
public final class TableFileHeader {
    private TableFileHeader() {
    }

    /** The column names, or empty when the file cannot be read as a table of the format its extension names. */
    public static Optional<List<String>> columns(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (name.endsWith(".csv")) {
                return csvHeader(file);
            }
            if (name.endsWith(".parquet")) {
                return duckDbColumns("read_parquet", file);
            }
            if (name.endsWith(".json") || name.endsWith(".jsonl")) {
                return duckDbColumns("read_json_auto", file);
            }
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The first line split as RFC 4180 fields (quoted names may hold commas and doubled quotes). */
    private static Optional<List<String>> csvHeader(Path file) throws IOException {
        String line;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            line = r.readLine();
        }
        if (line == null) {
            return Optional.empty();
        }
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return quoted ? Optional.empty() : Optional.of(fields);
    }

    private static Optional<List<String>> duckDbColumns(String reader, Path file) {
        String literal = "'" + file.toAbsolutePath().toString().replace("'", "''") + "'";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("DESCRIBE SELECT * FROM " + reader + "(" + literal + ")")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString("column_name"));
            }
            return names.isEmpty() ? Optional.empty() : Optional.of(names);
        } catch (SQLException unreadable) {
            return Optional.empty();
        }
    }
}
