package org.relgraph.models;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.relgraph.models.baseline.EntityGbdtKind;
import org.relgraph.models.baseline.FlatXgboostKind;
import org.relgraph.models.baseline.RulesKind;
import org.relgraph.models.baseline.XgbGnnEmbeddingsKind;
import org.relgraph.models.baseline.XgbGnnInputsKind;
import org.relgraph.models.ensemble.GnnEnsembleKind;
import org.relgraph.models.ensemble.GnnXgbBlendKind;
import org.relgraph.models.gnn.GnnKind;
import org.relgraph.models.gnn.GnnRankerKind;
import org.relgraph.models.rank.CfKind;
import org.relgraph.query.PredictiveQuery;
import org.relgraph.query.TaskType;
import org.relgraph.schema.SchemaException;

/**
 * The registry of model kinds: the one place that lists them. Everything that trains, loads or describes a model
 * of a kind named by a user or a bundle asks here.
 */
public final class ModelKinds {
    /** Every kind, in the order help texts and reports list them. Register a new kind with one line here. */
    public static final List<ModelKind> ALL = List.of(
            RulesKind.INSTANCE,
            EntityGbdtKind.INSTANCE,
            FlatXgboostKind.INSTANCE,
            CfKind.INSTANCE,
            GnnKind.INSTANCE,
            GnnRankerKind.INSTANCE,
            GnnEnsembleKind.INSTANCE,
            GnnXgbBlendKind.INSTANCE,
            XgbGnnInputsKind.INSTANCE,
            XgbGnnEmbeddingsKind.INSTANCE);

    private ModelKinds() {
    }

    /** The distinct names users give ({@link ModelKind#name}), in {@link #ALL}'s order. */
    public static List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        ALL.forEach(k -> names.add(k.name()));
        return List.copyOf(names);
    }

    /** The kind with this id, e.g. {@code gnn-ranker}. */
    public static ModelKind byId(String id) {
        return ALL.stream().filter(k -> k.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model kind with id " + id));
    }

    /**
     * The kind a user's name means for {@code query}: of the kinds with that name, the first that fits the query,
     * else the first (whose {@link ModelKind#requireFits} then says why not).
     *
     * @throws SchemaException for a name no kind has, listing the names
     */
    public static ModelKind forTask(String name, PredictiveQuery query) {
        List<ModelKind> named = named(name);
        return named.stream().filter(k -> k.misfit(query).isEmpty()).findFirst().orElse(named.get(0));
    }

    /**
     * The kind that reads a bundle recording {@code name} and {@code taskType} (null when unknown): of the kinds with
     * that name, the first whose task types include it, else the first.
     *
     * @throws SchemaException for a name no kind has
     */
    public static ModelKind forBundle(String name, TaskType taskType) {
        List<ModelKind> named = named(name);
        return named.stream().filter(k -> taskType != null && k.taskTypes().contains(taskType)).findFirst()
                .orElse(named.get(0));
    }

    /** The kinds a name means (more than one when they split the task types), at least one. */
    public static List<ModelKind> named(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        List<ModelKind> named = ALL.stream().filter(k -> k.name().equals(wanted)).toList();
        if (named.isEmpty()) {
            throw new SchemaException("unknown model kind '" + name + "'", "use one of " + String.join(", ", names()));
        }
        return named;
    }
}
