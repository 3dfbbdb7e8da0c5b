package org.relgraph.schema;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes {@code schema.yaml}, the file a user edits to declare keys, time columns and types:
 * <pre>
 * tables:
 *   - name: transactions
 *     source: transactions.csv        # optional; default name.csv / name.parquet
 *     primary_key: txn_id             # optional
 *     time_column: timestamp          # optional: when a row becomes known
 *     # or, instead of time_column: take the time of the parent row a foreign key references
 *     # time_from: customer_id
 *     # static: true                    # a table with no time that truly never changes: no warning
 *     columns:
 *       txn_id: id
 *       customer_id: id
 *       amount: numerical
 *       timestamp: timestamp
 *     foreign_keys:
 *       - column: customer_id
 *         references: customers
 * </pre>
 */
public final class SchemaYaml {
    public static final String FILE_NAME = "schema.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private SchemaYaml() {
    }

    public static Schema read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new SchemaException(file + (loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr())
                    + ": not valid YAML: " + e.getOriginalMessage(), "check indentation and quoting");
        } catch (NoSuchFileException e) {
            throw new SchemaException(file + ": no such file",
                    "write one by hand or run `relgraph inspect --data DIR --infer-schema`");
        } catch (IOException e) {
            throw org.relgraph.source.PathErrors.fromCause(e).orElseGet(() -> new SchemaException(file
                    + ": cannot read: " + e.getMessage(), "check the path and permissions", e));
        }
        return fromTree(root, file.toString());
    }

    public static Schema parse(String yaml, String origin) {
        try {
            return fromTree(YAML.readTree(yaml), origin);
        } catch (JsonProcessingException e) {
            throw new SchemaException(origin + ": not valid YAML: " + e.getOriginalMessage(),
                    "check indentation and quoting");
        }
    }

    private static Schema fromTree(JsonNode root, String origin) {
        if (root == null || !root.path("tables").isArray()) {
            throw new SchemaException(origin + ": expected a top-level 'tables:' list", "see docs/data-sources.md");
        }
        List<TableSchema> tables = new ArrayList<>();
        int i = 0;
        for (JsonNode t : root.get("tables")) {
            String where = origin + ": tables[" + i++ + "]";
            String name = text(t, "name", where, true);
            where = origin + ": table '" + name + "'";
            List<ColumnSchema> columns = new ArrayList<>();
            JsonNode cols = t.path("columns");
            if (!cols.isObject() || cols.isEmpty()) {
                throw new SchemaException(where + ": 'columns' must map column names to types",
                        "e.g. columns: {customer_id: id, age: numerical}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = cols.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> c = it.next();
                columns.add(new ColumnSchema(c.getKey(), type(c.getValue().asText(), where + ", column '"
                        + c.getKey() + "'")));
            }
            List<ForeignKey> fks = new ArrayList<>();
            for (JsonNode fk : t.path("foreign_keys")) {
                fks.add(new ForeignKey(name, text(fk, "column", where + ", foreign_keys", true),
                        text(fk, "references", where + ", foreign_keys", true)));
            }
            tables.add(new TableSchema(name, columns, text(t, "primary_key", where, false),
                    text(t, "time_column", where, false), fks, text(t, "source", where, false),
                    text(t, "time_from", where, false), flag(t, "static", where)));
        }
        Schema schema = new Schema(tables);
        SchemaChecks.requireConsistent(schema, origin);
        return schema;
    }

    private static SemanticType type(String s, String where) {
        try {
            return SemanticType.fromYaml(s);
        } catch (IllegalArgumentException e) {
            throw new SchemaException(where + ": unknown type '" + s + "'",
                    "use one of " + Arrays.stream(SemanticType.values()).map(SemanticType::yamlName).toList());
        }
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) {
            if (required) {
                throw new SchemaException(where + ": missing '" + field + "'", "add " + field + ": ...");
            }
            return null;
        }
        return v.asText();
    }

    private static boolean flag(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new SchemaException(where + ": '" + field + "' must be true or false, not '" + v.asText() + "'",
                    field + ": true");
        }
        return v.booleanValue();
    }

    /**
     * The schema as schema.yaml text. A table that inherits its time is written as the user declares it
     * ({@code time_from}), without the time column loading derived from it.
     */
    public static String toYaml(Schema schema) {
        ObjectNode root = YAML.createObjectNode();
        ArrayNode tables = root.putArray("tables");
        for (TableSchema t : schema.tables()) {
            ObjectNode n = tables.addObject();
            n.put("name", t.name());
            if (t.source() != null) {
                n.put("source", t.source());
            }
            if (t.primaryKey() != null) {
                n.put("primary_key", t.primaryKey());
            }
            if (t.timeFrom() != null) {
                n.put("time_from", t.timeFrom());
            } else if (t.timeColumn() != null) {
                n.put("time_column", t.timeColumn());
            }
            if (t.declaredStatic()) {
                n.put("static", true);
            }
            ObjectNode cols = n.putObject("columns");
            t.columns().stream().filter(c -> !t.isInheritedTimeColumn(c.name()))
                    .forEach(c -> cols.put(c.name(), c.type().yamlName()));
            if (!t.foreignKeys().isEmpty()) {
                ArrayNode fks = n.putArray("foreign_keys");
                for (ForeignKey fk : t.foreignKeys()) {
                    fks.addObject().put("column", fk.column()).put("references", fk.referencedTable());
                }
            }
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes atomically: a temp file beside the target, then a rename, so a crash never leaves half a file. */
    public static void write(Schema schema, Path file) throws IOException {
        writeText("# relgraph schema: edit keys, time columns and types, then re-run.\n" + toYaml(schema), file);
    }

    /**
     * Writes a proposed schema for the user to edit, like {@link #write}, with a commented-out
     * {@code time_from} under each table without time that has exactly one dated parent: whether its rows are known
     * when their parent's are (a race's results) or later (an account's standing orders) is the user's call.
     */
    public static void writeProposal(Schema schema, Path file) throws IOException {
        List<String> lines = new ArrayList<>(toYaml(schema).lines().toList());
        for (TimelessTable t : TimelessTables.all(schema)) {
            t.timedParentOpt().ifPresent(fk -> {
                int at = lines.indexOf("- name: " + t.table());
                if (at >= 0) {
                    lines.add(at + 1, "  # no time column: if a row is known as soon as its " + fk.referencedTable()
                            + " row is, uncomment to take that row's time");
                    lines.add(at + 2, "  # time_from: " + fk.column());
                }
            });
        }
        writeText("# relgraph schema (proposed): edit keys, time columns and types, then re-run.\n"
                + String.join("\n", lines) + "\n", file);
    }

    private static void writeText(String text, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        org.relgraph.io.AtomicRename.replaceFile(tmp, file);
    }
}
