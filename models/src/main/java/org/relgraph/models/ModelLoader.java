package org.relgraph.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.models.bundle.BundleFolder;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * Opens any model bundle: reads its {@code kind} and task type from {@code bundle.json} (GNN bundles written before
 * the field have none and are {@code gnn}), asks {@link ModelKinds} which kind reads it, and hands the folder to
 * that kind, which verifies checksums before trusting anything.
 */
public final class ModelLoader {
    private ModelLoader() {
    }

    public static EntityModel load(Path dir, Database db) throws IOException {
        return kindOf(dir).load(dir, db);
    }

    /**
     * {@link #load(Path, Database)} for a {@code db} masked from the data of a model already open, sharing what it
     * can of that model's graph ({@link EntityModel#sampledGraph}; null for none).
     */
    public static EntityModel load(Path dir, Database db, HeteroGraph sharedGraph) throws IOException {
        return kindOf(dir).load(dir, db, sharedGraph);
    }

    /**
     * The kind that reads the bundle at {@code dir}; {@code gnn} when {@code bundle.json} is absent or unreadable,
     * whose loader then reports what is wrong with the folder.
     *
     * @throws SchemaException when there is no folder, or its {@code bundle.json} names a kind this relgraph does not
     *                         have (a newer relgraph's, say)
     */
    public static ModelKind kindOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new SchemaException("no model bundle at " + dir,
                    "pass the folder that relgraph train or relgraph baseline wrote");
        }
        BundleFolder.Peek peek = BundleFolder.peek(dir);
        if (peek == null) {
            return ModelKinds.forBundle("gnn", null);
        }
        if (!ModelKinds.names().contains(peek.kind())) {
            throw new SchemaException("the model bundle at " + dir + " is of kind '" + peek.kind()
                    + "', which this relgraph does not have (it has " + String.join(", ", ModelKinds.names()) + ")",
                    "use the relgraph version that wrote the bundle, or train the model again with this one");
        }
        return ModelKinds.forBundle(peek.kind(), peek.taskType());
    }

    /**
     * The tables the bundle's model was trained without ({@code excludedTables} in {@code bundle.json}), so scoring
     * can leave out the same ones before it loads the data. Empty when the bundle records none (bundles before the
     * field existed) or cannot be read: {@link #load} then reports what is wrong with it.
     */
    public static List<String> excludedTables(Path dir) {
        BundleFolder.Peek peek = BundleFolder.peek(dir);
        return peek == null ? List.of() : peek.excludedTables();
    }
}
