package org.relgraph.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import picocli.CommandLine.Option;

/** The {@code --model} bundle of evaluate, predict and explain, opened against the data they loaded. */
public final class ModelInput {
    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR",
            description = "A model bundle folder, written by train or baseline.")
    Path dir;

    /** Loads the data as the model saw it: without the tables its bundle records as left out. */
    org.relgraph.table.Database loadData(DataOptions data, PrintWriter progress) throws Exception {
        return data.loadDatabaseFor(new org.relgraph.source.ExcludedTables(ModelLoader.excludedTables(dir)),
                dir.toString(), progress);
    }

    /**
     * Opens the bundle of any kind and tells the user, on {@code notes}, which category values of today's data the
     * model never saw: they are scored as the unknown category, which is worth knowing before trusting the scores.
     */
    EntityModel open(org.relgraph.table.Database db, PrintWriter notes) throws IOException {
        EntityModel model = ModelLoader.load(dir, db);
        model.unknownCategoryNotes().forEach(n -> notes.println("note: " + n));
        return model;
    }
}
