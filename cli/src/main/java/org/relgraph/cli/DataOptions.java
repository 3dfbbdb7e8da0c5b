package org.relgraph.cli;

import java.nio.file.Path;
import org.relgraph.models.api.Sources;
import org.relgraph.schema.SchemaException;
import org.relgraph.source.DataSource;
import org.relgraph.source.ExcludedTables;
import org.relgraph.source.LoadOptions;
import org.relgraph.validate.DanglingPolicy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the data comes from: shared by every command that reads a database. */
public final class DataOptions {
    static final class Source {
        @Option(names = "--data", paramLabel = "DIR|JDBC_URL",
                description = "A folder of CSV/Parquet files (with schema.yaml, or one is inferred), or "
                        + "jdbc:postgresql://host:port/db[?schema=name] (credentials from PGUSER/PGPASSWORD).")
        String data;

        @Option(names = "--dataset", paramLabel = "NAME",
                description = "A bundled dataset: bank (the synthetic bank, 10,000 customers, generated on first "
                        + "use), rel-f1 or berka (prepared from the raw files under --data-home on first use).")
        String dataset;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--schema", paramLabel = "FILE",
            description = "A schema.yaml that overrides the source's own (the folder's schema.yaml or the "
                    + "database catalogue).")
    Path schemaFile;

    @Option(names = "--data-home", paramLabel = "DIR",
            description = "Folder holding raw datasets (f1/, berka/). Default: $RELGRAPH_DATA_HOME or "
                    + "../shared/data.")
    Path dataHome;

    @Option(names = "--exclude-tables", split = ",", paramLabel = "TABLE",
            description = "Leave these tables (and the foreign keys into them) out of the data, e.g. a table "
                    + "without time that leaks the label. A model bundle records them, so predict, evaluate and "
                    + "explain leave out the same ones without being told.")
    java.util.List<String> excludeTables;

    @Option(names = "--on-dangling", paramLabel = "POLICY", defaultValue = "FAIL",
            description = "Child rows whose foreign key matches no parent: FAIL (default) or DROP them "
                    + "(and report how many).")
    DanglingPolicy danglingPolicy;

    /** The source the user named; a bundled dataset is prepared (once) into the cache first. */
    public DataSource open() throws Exception {
        if (source.dataset != null) {
            return Sources.openDataset(source.dataset, dataHome, schemaFile);
        }
        if (source.data == null || source.data.isBlank()) {
            throw new SchemaException("no data given", "pass --data DIR|JDBC_URL or --dataset NAME");
        }
        return Sources.open(source.data, schemaFile);
    }

    /**
     * Opens, loads and validates the data, telling the user on stderr what each table took (a large bank takes tens
     * of seconds to load); validation warnings are the inspect command's business.
     */
    public org.relgraph.table.Database loadDatabase(java.io.PrintWriter progress) throws Exception {
        return load(progress, excludedTables());
    }

    /**
     * Loads the data for a model trained without the tables {@code recorded}: those are left out whether or not
     * the user repeats them with {@code --exclude-tables}, which may not name others (the model has no inputs for a
     * table it never saw, and a table it saw cannot go missing).
     */
    public org.relgraph.table.Database loadDatabaseFor(ExcludedTables recorded, String model,
                                                      java.io.PrintWriter progress) throws Exception {
        ExcludedTables given = excludedTables();
        if (!given.isEmpty() && !given.sameAs(recorded)) {
            throw new SchemaException("--exclude-tables " + String.join(",", given.names()) + " differs from the "
                    + "tables the model at " + model + " was trained without (" + (recorded.isEmpty() ? "none"
                    : String.join(",", recorded.names())) + ")", "drop --exclude-tables: the model's own list is "
                    + "used; to change it, retrain the model");
        }
        return load(progress, recorded);
    }

    private org.relgraph.table.Database load(java.io.PrintWriter progress, ExcludedTables excluded)
            throws Exception {
        return load(open(), excluded, progress).database();
    }

    /** Loads and validates an opened source, reporting the load on {@code progress} as {@link #loadDatabase} does. */
    public org.relgraph.validate.ValidatedDatabase load(DataSource source, java.io.PrintWriter progress) {
        return load(source, excludedTables(), progress);
    }

    private org.relgraph.validate.ValidatedDatabase load(DataSource source, ExcludedTables excluded,
                                                         java.io.PrintWriter progress) {
        LoadReport report = new LoadReport(progress);
        report.start(source.describe());
        if (!excluded.isEmpty()) {
            progress.println("  leaving out " + String.join(", ", excluded.names())
                    + " and the foreign keys into them (--exclude-tables)");
        }
        org.relgraph.validate.ValidatedDatabase loaded = source.load(loadOptions().withExcludedTables(excluded)
                .withListener(report));
        report.done();
        return loaded;
    }

    /** The tables given with {@code --exclude-tables}; none when the option is absent. */
    public ExcludedTables excludedTables() {
        return new ExcludedTables(excludeTables);
    }

    public LoadOptions loadOptions() {
        return new LoadOptions(danglingPolicy).withExcludedTables(excludedTables());
    }

    public boolean isJdbc() {
        return source.data != null && source.data.startsWith("jdbc:");
    }

    public String data() {
        return source.data;
    }

    /**
     * Refuses a model folder that is the data folder or holds it, even with {@code --force}: replacing it would
     * delete the very data being read, which no user means, however the folder's contents look.
     */
    public void checkOutputOutsideData(Path out) {
        if (source.data == null || isJdbc()) {
            return;
        }
        Path dataDir = Path.of(source.data).toAbsolutePath().normalize();
        Path target = out.toAbsolutePath().normalize();
        if (dataDir.startsWith(target)) {
            throw new SchemaException("--out " + out + (dataDir.equals(target) ? " is the data folder"
                    : " holds the data folder " + source.data) + ": writing the model there would replace the data "
                    + "it is trained on", "choose a folder outside " + source.data + ", e.g. --out out/model "
                    + "(--force does not lift this)");
        }
    }
}
