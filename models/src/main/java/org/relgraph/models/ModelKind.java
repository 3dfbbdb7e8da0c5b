package org.relgraph.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.relgraph.graph.HeteroGraph;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.schema.SchemaException;
import org.relgraph.table.Database;

/**
 * One kind of model relgraph trains (the GNN, its ranker, each baseline), registered in {@link ModelKinds}: which
 * tasks it fits, how it trains and loads, and what its models can do. Commands and the benchmark suite ask the
 * registry for a kind and call it, so none of them names a model class or switches on a kind.
 *
 * <p>Each kind lives in its own package next to its model classes; adding one is that package plus a line in
 * {@link ModelKinds#ALL} (docs/ARCHITECTURE.md, "Adding a model kind").
 */
public interface ModelKind {
    /** Unique among the registered kinds, e.g. {@code gnn-ranker}. */
    String id();

    /**
     * The name users give ({@code --kind}, the suite's {@code --models}) and {@code bundle.json}'s {@code kind}
     * records. Kinds may share a name when they split the task types between them: {@code gnn} and
     * {@code gnn-ranker} are both {@code gnn}, the second for ranking queries.
     */
    default String name() {
        return id();
    }

    /** The task types this kind trains for (a query of another type gets {@link #misfit}'s error). */
    Set<TaskType> taskTypes();

    /**
     * Why this kind cannot be trained for {@code query}, or empty when it can. The check the kind's own training
     * makes first, so the registry, the commands and the suite all give the same message.
     */
    Optional<TaskMisfit> misfit(PredictiveQuery query);

    /** @throws SchemaException {@link #misfit}'s error, when there is one */
    default void requireFits(PredictiveQuery query) {
        Optional<TaskMisfit> misfit = misfit(query);
        if (misfit.isPresent()) {
            throw misfit.get().error();
        }
    }

    /** Trains a model of this kind (after {@link #requireFits}); the caller saves and closes it. */
    EntityModel train(TrainingRequest request);

    /**
     * Opens a bundle this kind wrote, verifying its checksums before trusting anything, to score {@code db}.
     *
     * @throws SchemaException when the folder is not an intact bundle of this kind or the data does not fit it
     */
    EntityModel load(Path dir, Database db) throws IOException;

    /**
     * {@link #load(Path, Database)} for a {@code db} masked from the data of a model already open, whose graph is
     * {@code sharedGraph}: a kind that builds a graph shares what the mask leaves alone
     * ({@link HeteroGraph#build(Database, HeteroGraph)}); the others ignore it.
     */
    default EntityModel load(Path dir, Database db, HeteroGraph sharedGraph) throws IOException {
        return load(dir, db);
    }

    /** Whether its models give reasons per entity ({@link org.relgraph.models.explain.ExplainableModel}). */
    boolean explains();

    /** What its model for {@code query} outputs per entity, which decides how predict writes its scores. */
    ModelOutput output(PredictiveQuery query);

    /**
     * How many foreign-key hops from the entity table its inputs reach with {@code request}'s settings (null for
     * the defaults), for the notice about tables without a time column; {@link EntityModel#inputHops} once trained.
     */
    int inputHops(Object settings);

    /**
     * Whether it trains several models of other kinds and combines them (seed ensembles, blends): the benchmark
     * suite leaves such kinds out of its all-models run, which would otherwise train each GNN again. False by default.
     */
    default boolean combinesModels() {
        return false;
    }

    /** Whether {@code relgraph baseline} trains it (the GNN kinds are trained by {@code relgraph train}). */
    boolean baseline();

    /** How a user gets a new model of this kind, ending the hint for a damaged bundle, e.g. "retrain the model". */
    String retrain();
}
