package org.relgraph.models;

import java.util.Arrays;
import java.util.Locale;
import org.relgraph.schema.SchemaException;

/** The kinds of model relgraph trains, by the name written in a bundle and typed on the command line. */
public enum ModelKind {
    GNN("gnn"),
    RULES("rules"),
    ENTITY_GBDT("entity-gbdt"),
    FLAT_XGBOOST("flat-xgboost"),
    CF("cf");

    private final String id;

    ModelKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /**
     * How many foreign-key hops from the entity table a baseline of this kind reads: flat-xgboost aggregates every
     * table within the feature hops, rules counts the entity's child rows, entity-gbdt reads the entity's own columns
     * and cf the target table's history. The GNN's hops are its layers ({@code EntityModel#inputHops}).
     */
    public int baselineInputHops() {
        return switch (this) {
            case FLAT_XGBOOST -> org.relgraph.models.features.FeatureOptions.defaults().maxHops();
            case RULES -> 1;
            case ENTITY_GBDT, CF -> 0;
            case GNN -> throw new IllegalStateException("the GNN reads as many hops as it has layers");
        };
    }

    public static ModelKind parse(String text) {
        for (ModelKind k : values()) {
            if (k.id.equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        throw new SchemaException("unknown model kind '" + text + "'",
                "use one of " + String.join(", ", Arrays.stream(values()).map(ModelKind::id).toList()));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
