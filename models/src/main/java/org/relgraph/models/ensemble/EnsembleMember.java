package org.relgraph.models.ensemble;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.io.ReplacePolicy;
import org.relgraph.models.EntityModel;
import org.relgraph.models.ModelLoader;
import org.relgraph.models.gnn.GnnPredictor;
import org.relgraph.models.gnn.ModelBundle;
import org.relgraph.table.Database;

/**
 * One model of an {@link AveragedModel}, opened only while it scores: a trained GNN held as its bundle (weights in
 * memory, no graph), a small model kept open (flat XGBoost), or a member folder of a loaded bundle.
 */
abstract class EnsembleMember implements AutoCloseable {
    /** Opens the member to score {@code db}, its graph sharing {@code sharedGraph} (null for none). */
    abstract EntityModel open(Database db, HeteroGraph sharedGraph) throws IOException;

    /** Gives back a model {@link #open} returned: closes it unless the member keeps it open. */
    void release(EntityModel model) {
        model.close();
    }

    /** Writes the member as a bundle folder {@code dir} (inside the ensemble bundle being built). */
    abstract void saveInto(Path dir) throws IOException;

    @Override
    public void close() {
    }

    /** A GNN trained in this run: its bundle in memory. */
    static EnsembleMember of(ModelBundle bundle, Path name) {
        return new EnsembleMember() {
            @Override
            EntityModel open(Database db, HeteroGraph sharedGraph) {
                return GnnPredictor.open(bundle, name, db, sharedGraph);
            }

            @Override
            void saveInto(Path dir) throws IOException {
                bundle.save(dir, ReplacePolicy.OWN_OUTPUT_ONLY);
            }
        };
    }

    /** A model kept open until the ensemble closes (small: no graph). */
    static EnsembleMember resident(EntityModel model) {
        return new EnsembleMember() {
            @Override
            EntityModel open(Database db, HeteroGraph sharedGraph) {
                return model;
            }

            @Override
            void release(EntityModel m) {
            }

            @Override
            void saveInto(Path dir) throws IOException {
                model.save(dir, ReplacePolicy.OWN_OUTPUT_ONLY);
            }

            @Override
            public void close() {
                model.close();
            }
        };
    }

    /** The member folder {@code dir} of a saved ensemble bundle, loaded (and its checksums verified) when opened. */
    static EnsembleMember stored(Path dir) {
        return new EnsembleMember() {
            @Override
            EntityModel open(Database db, HeteroGraph sharedGraph) throws IOException {
                return ModelLoader.load(dir, db, sharedGraph);
            }

            @Override
            void saveInto(Path target) throws IOException {
                Files.createDirectories(target);
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
        };
    }
}
