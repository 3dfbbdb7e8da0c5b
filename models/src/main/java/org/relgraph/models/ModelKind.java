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
