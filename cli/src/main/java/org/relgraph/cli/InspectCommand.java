package org.relgraph.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.relgraph.graph.DegreeStats;
import org.relgraph.graph.EdgeType;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.schema.ColumnSchema;
import org.relgraph.schema.Schema;
import org.relgraph.schema.SchemaException;
import org.relgraph.schema.SchemaYaml;
import org.relgraph.schema.TimelessTable;
import org.relgraph.schema.TimelessTables;
import org.relgraph.schema.TimelessWarning;
import org.relgraph.source.DataSource;
import org.relgraph.table.Column;
import org.relgraph.table.Database;
import org.relgraph.table.LongColumn;
import org.relgraph.table.Table;
import org.relgraph.table.TimeRange;
import org.relgraph.validate.Problem;
import org.relgraph.validate.ValidatedDatabase;
import org.relgraph.validate.ValidationException;
import org.relgraph.validate.ValidationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Loads a database, validates it, builds the temporal graph and reports what it found. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {
            "Load a relational database, validate it, build its heterogeneous temporal graph and print tables "
                + "(rows, columns with types, time range), edge types (counts, degree statistics) and schema "
                + "problems. Before loading, it prints the memory the data will take (docs/MEMORY.md) and warns "
                + "when that is more than the Java heap may grow to.",
            "",
            "Examples:",
            "  relgraph inspect --data docs/sample-data/mini-bank",
            "  relgraph inspect --data my-export/ --infer-schema        # propose a schema.yaml to edit",
            "  relgraph inspect --dataset rel-f1",
            "  PGUSER=me PGPASSWORD=... relgraph inspect --data jdbc:postgresql://localhost:5432/shop",
            ""
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the data loaded and validated", "1:the data has errors (listed)",
            "2:bad input or usage", "3:internal error"})
public final class InspectCommand implements Callable<Integer> {
    @Mixin
    DataOptions data;

    @Option(names = "--infer-schema",
            description = "Propose primary keys, foreign keys, types and time columns from names and value "
                    + "overlap, and write them to a schema file to edit (see --schema-out).")
    boolean inferSchema;

    @Option(names = "--schema-out", paramLabel = "FILE",
            description = "Where --infer-schema writes. Default: DIR/schema.yaml when the folder has none, "
                    + "else DIR/schema.inferred.yaml; ./schema.yaml for a database.")
    Path schemaOut;

    @Option(names = "--force", description = "Let --infer-schema replace an existing schema file.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        DataSource source = data.open();
        out.println("Source: " + source.describe());
        if (inferSchema) {
            writeInferredSchema(source, out);
        }
        MemoryNotice.print(source, data.loadOptions(), Runtime.getRuntime().maxMemory(), out,
                spec.commandLine().getErr());
        ValidatedDatabase loaded;
        try {
            loaded = data.load(source, spec.commandLine().getErr());
        } catch (ValidationException e) {
            out.println();
            printProblems(e.report(), out);
            out.flush();
            return 1;
        }
        Database db = loaded.database();
        out.println();
        printTables(db, out);
        long t0 = System.nanoTime();
        HeteroGraph graph = HeteroGraph.build(db);
        double buildSeconds = (System.nanoTime() - t0) / 1e9;
        out.println();
        printEdges(graph, out);
        long rows = db.tables().stream().mapToLong(Table::rowCount).sum();
        out.printf(Locale.ROOT, "%nGraph: %,d nodes (%d types), %,d directed edges (%d types), %.1f MB "
                        + "(%.1f bytes/edge), built in %.2f s%n", rows, graph.nodeTypes().size(),
                graph.edgeCount(), graph.edgeTypes().size(), graph.memoryBytes() / 1e6,
                graph.edgeCount() == 0 ? 0.0 : (double) graph.memoryBytes() / graph.edgeCount(), buildSeconds);
        printTimeless(db.schema(), out);
        out.println();
        printProblems(loaded.report(), out);
        out.flush();
        return 0;
    }

    /**
     * The tables without time and how they connect, what that means and the ways out, then the tables the schema
     * declares static; nothing when every table has a time.
     */
    static void printTimeless(Schema schema, PrintWriter out) {
        java.util.List<TimelessTable> timeless = TimelessTables.all(schema);
        java.util.List<String> declared = TimelessTables.declaredStatic(schema);
        if (timeless.isEmpty() && declared.isEmpty()) {
            return;
        }
        out.println();
        if (!timeless.isEmpty()) {
            out.println("Tables without a time column (a model sees all their rows at every prediction time)");
            int width = timeless.stream().mapToInt(t -> t.table().length()).max().orElse(0);
            timeless.forEach(t -> out.printf(Locale.ROOT, "  %-" + width + "s  %s%n", t.table(), t.path()));
            TimelessWarning.meaningAndWaysOut(timeless).forEach(out::println);
        }
        if (!declared.isEmpty()) {
            out.println("Declared static (static: true, not warned about): " + String.join(", ", declared));
        }
    }

    private void writeInferredSchema(DataSource source, PrintWriter out) throws Exception {
        Path target = schemaOut;
        if (target == null) {
            if (data.isJdbc() || data.data() == null) {
                target = Path.of(SchemaYaml.FILE_NAME);
            } else {
                Path dir = Path.of(data.data());
                target = Files.exists(dir.resolve(SchemaYaml.FILE_NAME))
                        ? dir.resolve("schema.inferred.yaml") : dir.resolve(SchemaYaml.FILE_NAME);
            }
        }
        // A schema file is meant to be edited: relgraph cannot tell its own from a user's edits, so it keeps both.
        if (Files.exists(target) && !force) {
            throw new SchemaException("schema file " + target + " already exists (it may hold your edits)",
                    "choose another --schema-out, or add --force to replace it");
        }
        Schema inferred = source.inferSchema();
        SchemaYaml.writeProposal(inferred, target);
        out.println("Inferred schema written to " + target + ": check keys, types and time columns, then "
                + "re-run with --schema " + target + " (or keep it as DIR/schema.yaml).");
        for (TimelessTable t : TimelessTables.all(inferred)) {
            t.timedParentOpt().ifPresent(fk -> out.println("  " + t.table() + " has no time column and one dated "
                    + "parent, " + fk.referencedTable() + ": if its rows are known as soon as their "
                    + fk.referencedTable() + " row is, uncomment 'time_from: " + fk.column() + "' under it"));
        }
    }

    static void printTables(Database db, PrintWriter out) {
        out.println("Tables");
        for (Table t : db.tables()) {
            String time = t.timeColumn().map(InspectCommand::range).orElse(t.schema().declaredStatic()
                    ? "none (static: true)" : "none (timeless: all rows visible at every time)");
            if (t.schema().timeFrom() != null) {
                time += " from " + t.schema().timeFromKey().map(fk -> fk.referencedTable()).orElse("?")
                        + " (time_from: " + t.schema().timeFrom() + ")";
            }
            out.printf(Locale.ROOT, "  %-24s %,10d rows   pk %-18s time %s%n", t.name(), t.rowCount(),
                    t.schema().primaryKey() == null ? "-" : t.schema().primaryKey(), time);
            for (ColumnSchema c : t.schema().columns()) {
                Column col = t.requireColumn(c.name());
                java.util.List<String> details = new java.util.ArrayList<>();
                t.schema().foreignKeys().stream().filter(f -> f.column().equalsIgnoreCase(c.name()))
                        .forEach(f -> details.add("-> " + f.referencedTable()));
                int nulls = col.nullCount();
                if (nulls > 0) {
                    details.add(String.format(Locale.ROOT, "%,d null (%.1f%%)", nulls,
                            100.0 * nulls / Math.max(1, t.rowCount())));
                }
                if (col instanceof org.relgraph.table.CategoricalColumn cc) {
                    details.add(String.format(Locale.ROOT, "%,d distinct", cc.cardinality()));
                }
                out.printf(Locale.ROOT, "      %-28s %-12s %s%n", c.name(), c.type().yamlName(),
                        String.join(", ", details));
            }
        }
    }

    private static String range(LongColumn times) {
        TimeRange r = TimeRange.of(times);
        return times.name() + (r.isEmpty() ? " (all null)" : " " + r);
    }

    static void printEdges(HeteroGraph graph, PrintWriter out) {
        out.println("Edge types (out-degree per source node: min / mean / median / p99 / max)");
        for (EdgeType e : graph.edgeTypes()) {
            DegreeStats d = graph.degreeStats(e);
            out.printf(Locale.ROOT, "  %-60s %,12d edges   %d / %.2f / %d / %d / %d%n",
                    e.srcTable() + " -[" + e.relation() + "]-> " + e.dstTable(), d.edges(), d.min(), d.mean(),
                    d.median(), d.p99(), d.max());
        }
    }

    static void printProblems(ValidationReport report, PrintWriter out) {
        if (report.problems().isEmpty()) {
            out.println("Schema problems: none");
            return;
        }
        out.printf("Schema problems: %d error(s), %d warning(s)%n", report.errors().size(),
                report.warnings().size());
        for (Problem p : report.problems()) {
            out.println("  " + p);
        }
    }
}
